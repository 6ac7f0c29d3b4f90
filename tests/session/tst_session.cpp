// SPDX-License-Identifier: MIT
// A profile's Session against the sandbox on the real clock with 4-second
// tokens: auto-refresh keeps API calls working without a login; rotated
// refresh tokens replace the old ones, which the issuer then refuses; a
// revoked refresh token ends the session without a retry loop; scopes
// narrow; machine-to-machine profiles get and renew tokens with both
// client authentication methods; logout revokes, forgets and ends the
// browser session; a store that cannot save keeps nothing half-done; and
// sessions that share one store (as processes share the keychain) renew an
// expired token once, all of them getting the renewed tokens.
#include "api/apiclient.h"
#include "oauth/discoveryclient.h"
#include "support/flowhelpers.h"
#include "session/loginflow.h"
#include "session/logoutflow.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "session/session.h"
#include "session/sessionregistry.h"
#include "storage/tokenstore.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void autoRefreshKeepsCallsWorking();
    void rotationAndRevocation();
    void narrowingScope();
    void clientCredentials_data();
    void clientCredentials();
    void clientCredentialsErrors_data();
    void clientCredentialsErrors();
    void logout();
    void failedSaveKeepsNewTokensInMemory();
    void sessionsSharingAStoreRenewOnce();
    void reloadFollowsTheStore();
    void forgetAndNothingStored();
    void expiryIsAChange();
    void forcedRefreshDuringARenewalRenews();
};

namespace {

// A store that accepts everything but saving, as a locked keyring would.
class FailingSaveStore : public MemoryTokenStore
{
protected:
    void doSave(TokenStoreJob *job, const TokenSet &) override
    {
        QTimer::singleShot(0, job, [this, job] {
            complete(job, TokenStoreError::Locked, u"The keyring is locked; the tokens are kept in memory for this run only."_s);
        });
    }
};

struct Harness
{
    explicit Harness(TokenStore *storeOverride = nullptr)
        : discovery(&network),
          store(storeOverride ? storeOverride : &memory),
          flow(&network, &discovery, store, systemClock()),
          sessions(SessionServices{&network, &discovery, store, systemClock()}),
          api(&network, systemClock())
    {
        QObject::connect(&flow, &LoginFlow::openBrowserRequested, &browser, &TestBrowser::open);
    }
    LoginResult login(const Profile &profile)
    {
        QSignalSpy spy(&flow, &LoginFlow::finished);
        flow.start(profile);
        if (!spy.wait(15000))
            return {};
        return spy.first().at(0).value<LoginResult>();
    }
    // The profile's session, signed in with a login's tokens.
    Session *track(const Profile &profile, const TokenSet &tokens, bool autoRefresh = true)
    {
        Session *s = sessions.session(profile);
        s->setAutoRefresh(autoRefresh);
        s->signedIn(tokens);
        return s;
    }
    SessionResult refresh(const QString &profile, const QString &scope = {})
    {
        return finished(sessions.find(profile)->refresh(scope));
    }
    static SessionResult finished(SessionJob *job)
    {
        QSignalSpy spy(job, &SessionJob::finished);
        if (!spy.wait(15000))
            return SessionResult::failure(SessionError::Refused, u"no answer in time"_s);
        return spy.first().at(0).value<SessionResult>();
    }
    int call(const QUrl &url, const std::optional<TokenSet> &tokens)
    {
        api.setCredentials(url, tokens);
        ApiRequest r;
        r.url = url;
        QSignalSpy spy(api.send(r), &ApiCall::finished);
        if (!spy.wait(10000))
            return 0;
        return spy.first().at(0).value<ApiExchange>().status;
    }
    QNetworkAccessManager network;
    DiscoveryClient discovery;
    MemoryTokenStore memory;
    TokenStore *store;
    LoginFlow flow;
    SessionRegistry sessions;
    ApiClient api;
    TestBrowser browser;
};

Profile sandboxProfile(SandboxFixture &sandbox)
{
    Profile p = sandbox.tenant().profileFor(Profile::sandbox({}, {}, {}, {}));
    p.scope = u"openid profile offline_access read:messages"_s;
    return p;
}

Profile m2mProfile(SandboxFixture &sandbox, Profile::ClientAuth auth)
{
    Profile p;
    p.name = u"m2m"_s;
    p.grant = Profile::Grant::ClientCredentials;
    p.clientAuth = auth;
    p.issuer = sandbox.tenant().issuer();
    p.clientId = sandbox.tenant().m2mClientId();
    p.audience = sandbox.tenant().audience();
    p.apiBase = sandbox.tenant().apiBaseUrl();
    return p;
}

bool secretSaved(TokenStore &store, const QString &profile, const QString &secret)
{
    return awaitStore(store.saveSecret(profile, secret), 5000).error == TokenStoreError::None;
}

} // namespace

void TestSession::autoRefreshKeepsCallsWorking()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 4, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY2(login.ok, qPrintable(login.error));
    QVERIFY(!login.tokens.refreshToken.isEmpty());
    Session *session = h.track(profile, login.tokens);
    QSignalSpy renewed(session, &Session::refreshed);

    // Left alone, the session renews its 4-second tokens by itself, again and again.
    QTRY_VERIFY_WITH_TIMEOUT(renewed.count() >= 3, 30000);
    for (const QList<QVariant> &r : std::as_const(renewed))
        QVERIFY2(r.at(0).value<SessionResult>().renewed, qPrintable(r.at(0).value<SessionResult>().sentence));
    QVERIFY(session->tokens()->refreshToken != login.tokens.refreshToken);

    // Twelve seconds of calls (three lifetimes) as the API tab makes them,
    // each with the session's tokens fresh enough to send: none refused, no
    // login, however late a busy machine runs the renewal timer.
    const QUrl url = sandbox.api(u"/api/private-scoped"_s);
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 12000) {
        const SessionResult fresh = h.finished(session->freshTokens());
        QVERIFY2(fresh.ok(), qPrintable(fresh.sentence));
        QCOMPARE(h.call(url, fresh.tokens), 200);
        QTest::qWait(250);
    }
    session->setAutoRefresh(false);
    QTRY_VERIFY_WITH_TIMEOUT(!session->isRefreshing(), 15000);
    // The store holds the latest tokens.
    const std::optional<TokenSet> kept = storedTokens(*h.store, profile.name);
    QVERIFY(kept);
    QCOMPARE(kept->accessToken, session->tokens()->accessToken);
}

void TestSession::rotationAndRevocation()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY(login.ok);
    Session *session = h.track(profile, login.tokens, false);
    const SessionResult first = h.refresh(profile.name);
    QVERIFY2(first.ok(), qPrintable(first.sentence));
    QVERIFY(first.renewed);
    QVERIFY(first.tokens.refreshToken != login.tokens.refreshToken); // rotated
    QVERIFY(!first.tokens.idToken.isEmpty());
    QCOMPARE(first.tokens.requestedScope, login.tokens.requestedScope);

    // The rotated-away refresh token is refused by the issuer.
    QCOMPARE(sandbox.token(sandbox.refreshForm(login.tokens.refreshToken)).json().value(u"error").toString(), u"invalid_grant"_s);

    // That reuse revoked the login: the next refresh ends the session, and nothing loops.
    QSignalSpy all(session, &Session::refreshed);
    const SessionResult ended = h.refresh(profile.name);
    QVERIFY(!ended.ok());
    QCOMPARE(ended.error, SessionError::Ended);
    QVERIFY(ended.sentence.startsWith(u"Session ended"_s));
    QCOMPARE(session->state(), Session::State::Ended);
    QVERIFY(!session->canRefresh());
    QTest::qWait(1500);
    QCOMPARE(all.count(), 1);
    // Asking again says so at once, without a request.
    const SessionResult again = h.refresh(profile.name);
    QCOMPARE(again.error, SessionError::Ended);
    QVERIFY(again.sentence.contains(u"Log in again"_s));
}

void TestSession::narrowingScope()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    h.track(profile, login.tokens, false);
    const SessionResult narrowed = h.refresh(profile.name, u"openid profile"_s);
    QVERIFY2(narrowed.ok(), qPrintable(narrowed.sentence));
    QCOMPARE(narrowed.tokens.grantedScope, u"openid profile offline_access"_s);
    QCOMPARE(h.call(sandbox.api(u"/api/private-scoped"_s), narrowed.tokens), 403);
    QCOMPARE(h.call(sandbox.api(u"/api/private"_s), narrowed.tokens), 200);
}

void TestSession::clientCredentials_data()
{
    QTest::addColumn<int>("auth");
    QTest::newRow("client_secret_post") << int(Profile::ClientAuth::Post);
    QTest::newRow("client_secret_basic") << int(Profile::ClientAuth::Basic);
}

void TestSession::clientCredentials()
{
    QFETCH(int, auth);
    SandboxFixture sandbox(std::nullopt, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = m2mProfile(sandbox, Profile::ClientAuth(auth));
    QVERIFY(secretSaved(*h.store, profile.name, sandbox.tenant().m2mClientSecret()));
    QSignalSpy browser(&h.flow, &LoginFlow::openBrowserRequested);
    const LoginResult r = h.login(profile);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(browser.count(), 0); // no browser for a machine
    QCOMPARE(r.subject, u"tokenlab-m2m@clients"_s);
    QCOMPARE(r.tokens.grantedScope, u"read:messages"_s);
    QCOMPARE(h.call(sandbox.api(u"/api/private-scoped"_s), r.tokens), 200);
    // Renewed with the client credentials, as there is no refresh token.
    Session *session = h.track(profile, r.tokens, false);
    QVERIFY(session->canRefresh());
    const SessionResult renewed = h.refresh(profile.name);
    QVERIFY2(renewed.ok(), qPrintable(renewed.sentence));
    QVERIFY(renewed.tokens.accessToken != r.tokens.accessToken);
}

void TestSession::clientCredentialsErrors_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("words");
    QTest::newRow("wrong-secret") << u"wrong"_s << QString() << u"Wrong client secret. (invalid_client)"_s;
    QTest::newRow("unknown-audience") << QString() << u"https://unknown.example/"_s << u"Service not found: https://unknown.example/"_s;
    QTest::newRow("no-secret-stored") << u"<none>"_s << QString() << u"client secret is not in the keychain"_s;
}

void TestSession::clientCredentialsErrors()
{
    QFETCH(QString, secret);
    QFETCH(QString, audience);
    QFETCH(QString, words);
    SandboxFixture sandbox(std::nullopt, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    Profile profile = m2mProfile(sandbox, Profile::ClientAuth::Post);
    if (!audience.isEmpty())
        profile.audience = audience;
    if (secret != u"<none>")
        QVERIFY(secretSaved(*h.store, profile.name, secret.isEmpty() ? sandbox.tenant().m2mClientSecret() : secret));
    const LoginResult r = h.login(profile);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(words), qPrintable(r.error));
}

void TestSession::logout()
{
    SandboxFixture sandbox(std::nullopt, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile); // through the pages: the browser gets a session
    QVERIFY2(login.ok, qPrintable(login.error));
    LogoutFlow logout(&h.network, &h.discovery, h.store);
    QObject::connect(&logout, &LogoutFlow::openBrowserRequested, &h.browser, &TestBrowser::open);
    QSignalSpy done(&logout, &LogoutFlow::finished);
    logout.start(profile, login.tokens, true);
    QVERIFY(done.wait(15000));
    const LogoutResult r = done.first().at(0).value<LogoutResult>();
    QVERIFY(r.ok());
    QStringList names;
    for (const ClaimCheck &s : r.steps) {
        names << s.name;
        QCOMPARE(s.result, ClaimCheck::Result::Passed);
    }
    QCOMPARE(names, (QStringList{u"revoke"_s, u"forget"_s, u"end session"_s}));
    QTRY_VERIFY(h.browser.lastBody().contains("Signed out"));
    // The issuer saw the revocation: the refresh token no longer works.
    QCOMPARE(sandbox.token(sandbox.refreshForm(login.tokens.refreshToken)).json().value(u"error").toString(), u"invalid_grant"_s);
    // Nothing left in the store.
    QVERIFY(!storedTokens(*h.store, profile.name));
    // The browser session at the sandbox is over: the next login shows the pages again.
    QVERIFY(h.login(profile).ok);
}

void TestSession::failedSaveKeepsNewTokensInMemory()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    FailingSaveStore failing;
    Harness h(&failing);
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY(login.ok);
    QVERIFY(login.storageWarning.contains(u"locked"_s));
    Session *session = h.track(profile, login.tokens, false);
    session->signedIn(login.tokens, login.storageWarning);
    const SessionResult r = h.refresh(profile.name);
    QVERIFY2(r.ok(), qPrintable(r.sentence));
    QVERIFY(r.storageWarning.contains(u"memory for this run"_s));
    // The rotated refresh token is the one in use, so refreshing again works,
    // also after a renewal that was not needed and a read of the keychain
    // (which still holds nothing newer than this process's tokens).
    QCOMPARE(session->tokens()->refreshToken, r.tokens.refreshToken);
    QVERIFY(h.finished(session->freshTokens()).ok());
    QVERIFY(h.finished(session->reload()).ok());
    QCOMPARE(session->tokens()->refreshToken, r.tokens.refreshToken);
    QVERIFY(!session->storageWarning().isEmpty());
    QVERIFY(h.refresh(profile.name).ok());
}

void TestSession::sessionsSharingAStoreRenewOnce()
{
    // Six registries over one store: six processes sharing a keychain, each
    // with its own Session and token endpoint client. The lock is the same
    // file for all of them, as it is across processes.
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY2(login.ok, qPrintable(login.error));
    // Stored as expired, whatever the clock does next: the renewed tokens
    // then live an hour, so however slowly the six take their turns, only
    // the first finds the stored tokens in need of a refresh.
    TokenSet expired = login.tokens;
    expired.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-10);
    QCOMPARE(awaitStore(h.store->save(profile.name, expired)).error, TokenStoreError::None);

    std::vector<std::unique_ptr<SessionRegistry>> processes;
    QList<SessionJob *> jobs;
    for (int i = 0; i < 6; ++i) {
        processes.push_back(std::make_unique<SessionRegistry>(SessionServices{&h.network, &h.discovery, h.store, systemClock()}));
        Session *s = processes.back()->session(profile);
        s->setAutoRefresh(false);
        s->signedIn(expired); // each holds the expired tokens in memory
    }
    QList<std::shared_ptr<QSignalSpy>> spies;
    for (auto &p : processes)
        spies << std::make_shared<QSignalSpy>(p->find(profile.name)->freshTokens(), &SessionJob::finished);
    QSet<QString> accessTokens;
    int renewedHere = 0;
    for (const auto &spy : spies) {
        QVERIFY(spy->count() == 1 || spy->wait(20000));
        const SessionResult r = spy->first().at(0).value<SessionResult>();
        QVERIFY2(r.ok(), qPrintable(r.sentence));
        accessTokens << r.tokens.accessToken;
        renewedHere += r.renewed ? 1 : 0;
    }
    QCOMPARE(renewedHere, 1);        // one refresh for six callers
    QCOMPARE(accessTokens.size(), 1); // and all six use its tokens
    // The login survived: no refresh token was used twice, so the family is not revoked.
    const SessionResult later = h.finished(processes.front()->find(profile.name)->refresh());
    QVERIFY2(later.ok(), qPrintable(later.sentence));
    QCOMPARE(h.call(sandbox.api(u"/api/private"_s), later.tokens), 200);
}

void TestSession::reloadFollowsTheStore()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY(login.ok);
    SessionRegistry other(SessionServices{&h.network, &h.discovery, h.store, systemClock()});
    Session *mine = h.track(profile, login.tokens, false);
    Session *theirs = other.session(profile);
    QCOMPARE(theirs->state(), Session::State::Unknown);
    QVERIFY(h.finished(theirs->reload()).ok());
    QCOMPARE(theirs->state(), Session::State::SignedIn);
    // The other one renews (and rotates); this one, asked to refresh, starts from the stored tokens.
    const SessionResult renewed = h.finished(theirs->refresh());
    QVERIFY2(renewed.ok(), qPrintable(renewed.sentence));
    const SessionResult mineRenewed = h.finished(mine->refresh());
    QVERIFY2(mineRenewed.ok(), qPrintable(mineRenewed.sentence));
    QVERIFY(mineRenewed.adopted);
    QVERIFY(mineRenewed.tokens.refreshToken != renewed.tokens.refreshToken);
    QCOMPARE(h.call(sandbox.api(u"/api/private"_s), mineRenewed.tokens), 200);
}

void TestSession::forgetAndNothingStored()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY(login.ok);
    SessionRegistry other(SessionServices{&h.network, &h.discovery, h.store, systemClock()});
    Session *mine = h.track(profile, login.tokens, false);
    Session *theirs = other.session(profile);
    theirs->setAutoRefresh(false);
    theirs->signedIn(login.tokens);
    QVERIFY(h.finished(mine->forget()).ok());
    QCOMPARE(mine->state(), Session::State::SignedOut);
    QVERIFY(!mine->canRefresh());
    QVERIFY(!storedTokens(*h.store, profile.name));
    // The other holder finds nothing stored when it next needs the tokens, and says so.
    const SessionResult r = h.finished(theirs->refresh());
    QCOMPARE(r.error, SessionError::NoTokens);
    QVERIFY2(r.sentence.contains(u"log in first"_s), qPrintable(r.sentence));
    QCOMPARE(theirs->state(), Session::State::SignedOut);
}

void TestSession::expiryIsAChange()
{
    QNetworkAccessManager network;
    DiscoveryClient discovery(&network);
    MemoryTokenStore store;
    Profile profile;
    profile.name = u"expiring"_s;
    profile.issuer = QUrl(u"https://issuer.example/"_s);
    Session session(profile, SessionServices{&network, &discovery, &store, systemClock()});
    session.setAutoRefresh(false);
    TokenSet t;
    t.accessToken = u"at"_s;
    t.obtainedAt = QDateTime::currentDateTimeUtc();
    t.expiresAt = t.obtainedAt.addMSecs(300);
    session.signedIn(t);
    QCOMPARE(session.state(), Session::State::SignedIn);
    QSignalSpy changed(&session, &Session::changed);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Expired, 5000);
    QVERIFY(changed.count() >= 1 || changed.wait(5000)); // views hear of it without polling
}

void TestSession::forcedRefreshDuringARenewalRenews()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY(login.ok);
    TokenSet expired = login.tokens;
    expired.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-10);
    QCOMPARE(awaitStore(h.store->save(profile.name, expired)).error, TokenStoreError::None);
    Session *session = h.track(profile, expired, false);
    // A call's renewal of the expired token is running when the user presses Refresh.
    QSignalSpy beforeCall(session->freshTokens(), &SessionJob::finished);
    QVERIFY(session->isRefreshing());
    QSignalSpy pressed(session->refresh(), &SessionJob::finished);
    QVERIFY(beforeCall.wait(15000));
    const SessionResult call = beforeCall.first().at(0).value<SessionResult>();
    QVERIFY2(call.ok() && call.renewed, qPrintable(call.sentence));
    QVERIFY(pressed.count() == 1 || pressed.wait(15000));
    const SessionResult r = pressed.first().at(0).value<SessionResult>();
    QVERIFY2(r.ok(), qPrintable(r.sentence));
    QVERIFY(r.renewed); // Refresh renewed again, not merely shared the call's outcome
    QVERIFY(r.tokens.refreshToken != call.tokens.refreshToken);
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
