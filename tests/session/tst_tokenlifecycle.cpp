// Token lifecycle against the sandbox on the real clock with 4-second
// tokens: auto-refresh keeps API calls working without a login; rotated
// refresh tokens replace the old ones, which the issuer then refuses; a
// revoked refresh token ends the session without a retry loop; scopes
// narrow; machine-to-machine profiles get and renew tokens with both
// client authentication methods; logout revokes, forgets and ends the
// browser session; and a store that cannot save keeps nothing half-done.
#include "api/apiclient.h"
#include "oauth/discoveryclient.h"
#include "support/flowhelpers.h"
#include "session/loginflow.h"
#include "session/logoutflow.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "session/tokenlifecycle.h"
#include "storage/tokenstore.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestTokenLifecycle : public QObject
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
};

namespace {

// A store that accepts everything but saving, as a locked keyring would.
class FailingSaveStore : public MemoryTokenStore
{
protected:
    void doSave(TokenStoreJob *job, const TokenSet &) override
    {
        QTimer::singleShot(0, job, [this, job] {
            complete(job, Operation::Save, TokenStoreError::Locked, u"The keyring is locked; the tokens are kept in memory for this run only."_s);
        });
    }
};

struct Harness
{
    explicit Harness(TokenStore *storeOverride = nullptr)
        : discovery(&network),
          store(storeOverride ? storeOverride : &memory),
          flow(&network, &discovery, store, systemClock()),
          lifecycle(&network, &discovery, store, systemClock()),
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
    RefreshResult refresh(const QString &profile, const QString &scope = {})
    {
        QSignalSpy spy(&lifecycle, &TokenLifecycle::refreshed);
        lifecycle.refreshNow(profile, scope);
        if (!spy.wait(15000))
            return {};
        return spy.first().at(1).value<RefreshResult>();
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
    TokenLifecycle lifecycle;
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
    QSignalSpy spy(&store, &TokenStore::secretSaved);
    store.saveSecret(profile, secret);
    return spy.wait(5000);
}

} // namespace

void TestTokenLifecycle::autoRefreshKeepsCallsWorking()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 4, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY2(login.ok, qPrintable(login.error));
    QVERIFY(!login.tokens.refreshToken.isEmpty());
    h.lifecycle.track(profile, login.tokens);
    QSignalSpy renewed(&h.lifecycle, &TokenLifecycle::tokensChanged);

    // Twelve seconds of calls (three lifetimes), none refused, no login.
    const QUrl url = sandbox.api(u"/api/private-scoped"_s);
    QElapsedTimer timer;
    timer.start();
    int calls = 0;
    while (timer.elapsed() < 12000) {
        const int status = h.call(url, h.lifecycle.tokens(profile.name));
        QCOMPARE(status, 200);
        ++calls;
        QTest::qWait(250);
    }
    QVERIFY(calls > 20);
    QVERIFY2(renewed.count() >= 3, qPrintable(QString::number(renewed.count())));
    // The store holds the latest tokens.
    const std::optional<TokenSet> kept = storedTokens(*h.store, profile.name);
    QVERIFY(kept);
    QCOMPARE(kept->accessToken, h.lifecycle.tokens(profile.name)->accessToken);
}

void TestTokenLifecycle::rotationAndRevocation()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY(login.ok);
    h.lifecycle.setAutoRefresh(false);
    h.lifecycle.track(profile, login.tokens);
    const RefreshResult first = h.refresh(profile.name);
    QVERIFY2(first.ok, qPrintable(first.error));
    QVERIFY(first.tokens.refreshToken != login.tokens.refreshToken); // rotated
    QVERIFY(!first.tokens.idToken.isEmpty());
    QCOMPARE(first.tokens.requestedScope, login.tokens.requestedScope);

    // The rotated-away refresh token is refused by the issuer.
    QCOMPARE(sandbox.token(sandbox.refreshForm(login.tokens.refreshToken)).json().value(u"error").toString(), u"invalid_grant"_s);

    // That reuse revoked the login: the next refresh ends the session, and nothing loops.
    QSignalSpy all(&h.lifecycle, &TokenLifecycle::refreshed);
    const RefreshResult ended = h.refresh(profile.name);
    QVERIFY(!ended.ok);
    QVERIFY(ended.sessionEnded);
    QVERIFY(ended.error.startsWith(u"Session ended"_s));
    QVERIFY(h.lifecycle.sessionEnded(profile.name));
    QVERIFY(!h.lifecycle.canRefresh(profile.name));
    QTest::qWait(1500);
    QCOMPARE(all.count(), 1);
    // Asking again says so at once, without a request.
    QVERIFY(h.refresh(profile.name).error.contains(u"log in again"_s));
}

void TestTokenLifecycle::narrowingScope()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    Harness h;
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    h.lifecycle.setAutoRefresh(false);
    h.lifecycle.track(profile, login.tokens);
    const RefreshResult narrowed = h.refresh(profile.name, u"openid profile"_s);
    QVERIFY2(narrowed.ok, qPrintable(narrowed.error));
    QCOMPARE(narrowed.tokens.grantedScope, u"openid profile offline_access"_s);
    QCOMPARE(h.call(sandbox.api(u"/api/private-scoped"_s), narrowed.tokens), 403);
    QCOMPARE(h.call(sandbox.api(u"/api/private"_s), narrowed.tokens), 200);
}

void TestTokenLifecycle::clientCredentials_data()
{
    QTest::addColumn<int>("auth");
    QTest::newRow("client_secret_post") << int(Profile::ClientAuth::Post);
    QTest::newRow("client_secret_basic") << int(Profile::ClientAuth::Basic);
}

void TestTokenLifecycle::clientCredentials()
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
    h.lifecycle.setAutoRefresh(false);
    h.lifecycle.track(profile, r.tokens);
    QVERIFY(h.lifecycle.canRefresh(profile.name));
    const RefreshResult renewed = h.refresh(profile.name);
    QVERIFY2(renewed.ok, qPrintable(renewed.error));
    QVERIFY(renewed.tokens.accessToken != r.tokens.accessToken);
}

void TestTokenLifecycle::clientCredentialsErrors_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("words");
    QTest::newRow("wrong-secret") << u"wrong"_s << QString() << u"Wrong client secret. (invalid_client)"_s;
    QTest::newRow("unknown-audience") << QString() << u"https://unknown.example/"_s << u"Service not found: https://unknown.example/"_s;
    QTest::newRow("no-secret-stored") << u"<none>"_s << QString() << u"client secret is not in the keychain"_s;
}

void TestTokenLifecycle::clientCredentialsErrors()
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

void TestTokenLifecycle::logout()
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
    QSignalSpy loaded(h.store, &TokenStore::loaded);
    h.store->load(profile.name);
    QVERIFY(loaded.wait());
    QVERIFY(!loaded.first().at(1).value<std::optional<TokenSet>>());
    // The browser session at the sandbox is over: the next login shows the pages again.
    QVERIFY(h.login(profile).ok);
}

void TestTokenLifecycle::failedSaveKeepsNewTokensInMemory()
{
    SandboxFixture sandbox(AutoApprove{u"alice"_s, std::nullopt}, 3600, true);
    QVERIFY(sandbox.started());
    FailingSaveStore failing;
    Harness h(&failing);
    const Profile profile = sandboxProfile(sandbox);
    const LoginResult login = h.login(profile);
    QVERIFY(login.ok);
    QVERIFY(login.storageWarning.contains(u"locked"_s));
    h.lifecycle.setAutoRefresh(false);
    h.lifecycle.track(profile, login.tokens);
    const RefreshResult r = h.refresh(profile.name);
    QVERIFY(r.ok);
    QVERIFY(r.storageWarning.contains(u"memory for this run"_s));
    // The rotated refresh token is the one in use, so refreshing again works.
    QCOMPARE(h.lifecycle.tokens(profile.name)->refreshToken, r.tokens.refreshToken);
    QVERIFY(h.refresh(profile.name).ok);
}

QTEST_GUILESS_MAIN(TestTokenLifecycle)
#include "tst_tokenlifecycle.moc"
