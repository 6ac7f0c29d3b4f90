// SPDX-License-Identifier: MIT
// The whole browser login in the core, against the sandbox over real HTTP,
// with a test browser that follows redirects and fills in the sandbox pages.
#include "oauth/discoveryclient.h"
#include "support/flowhelpers.h"
#include "session/loginflow.h"
#include "support/sandboxfixture.h"
#include "support/testbrowser.h"
#include "http/formencoding.h"
#include "support/testhttp.h"

#include <QTimer>
#include "storage/tokenstore.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestLoginFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void autoApproved();
    void throughThePages_data();
    void throughThePages();
    void consentDenied();
    void hostileWrongStateFirst();
    void hostileThenGenuine();
    void cancelWhileWaiting();
    void timeout();
    void discoveryFails();
    void invalidProfile();
    void fixedPortInUse();
    void resourceIndicator();
};

namespace {

struct Harness
{
    explicit Harness(SandboxFixture &sandbox)
        : discovery(&network), flow(&network, &discovery, &store, systemClock()), profile(sandbox.tenant().profileFor(Profile::sandbox({}, {}, {}, {})))
    {
    }
    // Starts the login with the test browser answering it: the result, or nothing after 15 s.
    std::optional<LoginResult> loginThroughBrowser()
    {
        QObject::connect(&flow, &LoginFlow::openBrowserRequested, &browser, &TestBrowser::open);
        QSignalSpy finished(&flow, &LoginFlow::finished);
        flow.start(profile);
        if (!finished.wait(15000))
            return std::nullopt;
        return finished.first().at(0).value<LoginResult>();
    }
    QNetworkAccessManager network;
    DiscoveryClient discovery;
    MemoryTokenStore store;
    LoginFlow flow;
    Profile profile;
    TestBrowser browser;
};



} // namespace

void TestLoginFlow::autoApproved()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    QObject::connect(&h.flow, &LoginFlow::openBrowserRequested, &h.browser, &TestBrowser::open);
    QSignalSpy states(&h.flow, &LoginFlow::stateChanged);
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    h.flow.start(h.profile);
    QCOMPARE(finished.count(), 0);
    QVERIFY(finished.wait(15000));
    const auto r = finished.first().at(0).value<LoginResult>();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.subject, u"sandbox|alice"_s);
    QCOMPARE(r.tokens.grantedScope, u"openid profile email offline_access read:messages"_s);
    QVERIFY(r.idToken.passed());
    QList<LoginFlow::State> seen;
    for (const auto &args : states)
        seen << args.at(0).value<LoginFlow::State>();
    QCOMPARE(seen, (QList<LoginFlow::State>{LoginFlow::State::Discovering, LoginFlow::State::WaitingForBrowser,
                                            LoginFlow::State::Exchanging, LoginFlow::State::SignedIn}));
    const auto kept = storedTokens(h.store, u"sandbox"_s);
    QVERIFY(kept);
    QCOMPARE(kept->accessToken, r.tokens.accessToken);
    QTRY_VERIFY(h.browser.lastBody().contains("Signed in"));
    // The authorize URL carried PKCE S256, a state and a nonce.
    const auto q = FormData::parse(h.flow.authorizationUrl().query(QUrl::FullyEncoded).toLatin1());
    QCOMPARE(q->value(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(q->value(u"state"_s).size(), 43);
    QCOMPARE(q->value(u"nonce"_s).size(), 43);
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
}

void TestLoginFlow::throughThePages_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("consent");
    QTest::addColumn<QString>("granted");
    QTest::newRow("alice-everything") << u"alice"_s << QStringList() << u"openid profile email offline_access read:messages"_s;
    QTest::newRow("alice-withholds-read-messages") << u"alice"_s << QStringList{u"profile"_s, u"email"_s} << u"openid profile email"_s;
    QTest::newRow("bob-not-permitted") << u"bob"_s << QStringList() << u"openid profile email offline_access"_s;
}

void TestLoginFlow::throughThePages()
{
    QFETCH(QString, user);
    QFETCH(QStringList, consent);
    QFETCH(QString, granted);
    SandboxFixture sandbox(std::nullopt);
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    TestBrowser::Script script;
    script.user = user;
    if (!consent.isEmpty())
        script.scopes = consent;
    h.browser.setScript(script);
    const auto result = h.loginThroughBrowser();
    QVERIFY(result);
    const LoginResult &r = *result;
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.subject, u"sandbox|"_s + user);
    QCOMPARE(r.tokens.grantedScope, granted);
    QCOMPARE(r.tokens.requestedScope, u"openid profile email offline_access read:messages"_s);
}

void TestLoginFlow::consentDenied()
{
    SandboxFixture sandbox(std::nullopt);
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    TestBrowser::Script script;
    script.allow = false;
    h.browser.setScript(script);
    const auto result = h.loginThroughBrowser();
    QVERIFY(result);
    const LoginResult &r = *result;
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"denied access"_s) && r.error.contains(u"access_denied"_s), qPrintable(r.error));
    QCOMPARE(h.flow.state(), LoginFlow::State::Failed);
    QVERIFY(!storedTokens(h.store, u"sandbox"_s));
    QTRY_VERIFY(h.browser.lastBody().contains("Sign-in did not complete"));
}

void TestLoginFlow::hostileWrongStateFirst()
{
    // An attacker's callback with its own code and a guessed state arrives;
    // the user never completes the login. No tokens, and the reason is said.
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    QByteArray hostileAnswer;
    QObject::connect(&h.flow, &LoginFlow::openBrowserRequested, &h.browser, [&](const QUrl &url) {
        QTimer::singleShot(0, [&, port = redirectPort(url)] {
            hostileAnswer = rawExchange(port, "GET /callback?code=attacker-code&state=guessed HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        });
    });
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    LoginFlow::Options options;
    options.timeout = 2s;
    h.flow.start(h.profile, options);
    QVERIFY(finished.wait(10000));
    QCOMPARE(rawStatus(hostileAnswer), 400);
    const auto r = finished.first().at(0).value<LoginResult>();
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"timed out"_s) && r.error.contains(u"cross-site request forgery"_s), qPrintable(r.error));
    QVERIFY(r.tokens.isEmpty());
    QVERIFY(!storedTokens(h.store, u"sandbox"_s));
}

void TestLoginFlow::hostileThenGenuine()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    QObject::connect(&h.flow, &LoginFlow::openBrowserRequested, &h.browser, [&](const QUrl &url) {
        QTimer::singleShot(0, [&, url] {
            rawExchange(redirectPort(url), "GET /callback?code=attacker-code&state=guessed HTTP/1.1\r\n\r\n");
            h.browser.open(url);
        });
    });
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    h.flow.start(h.profile);
    QVERIFY(finished.wait(15000));
    const auto r = finished.first().at(0).value<LoginResult>();
    QVERIFY2(r.ok, qPrintable(r.error));
}

void TestLoginFlow::cancelWhileWaiting()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    h.flow.start(h.profile);
    QTRY_COMPARE(h.flow.state(), LoginFlow::State::WaitingForBrowser);
    const quint16 port = redirectPort(h.flow.authorizationUrl());
    h.flow.cancel();
    QCOMPARE(finished.count(), 1);
    const auto r = finished.first().at(0).value<LoginResult>();
    QVERIFY(r.cancelled);
    QCOMPARE(h.flow.state(), LoginFlow::State::Cancelled);
    // A browser coming back late is told the login is over.
    const QByteArray late = rawExchange(port, "GET /callback?code=x&state=y HTTP/1.1\r\n\r\n", 2000);
    QVERIFY(late.isEmpty() || rawStatus(late) == 410);
    h.flow.cancel(); // a second cancel changes nothing
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
}

void TestLoginFlow::timeout()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    LoginFlow::Options options;
    options.timeout = 1s;
    h.flow.start(h.profile, options);
    QVERIFY(finished.wait(5000));
    const auto r = finished.first().at(0).value<LoginResult>();
    QVERIFY(r.error.contains(u"timed out"_s));
    QCOMPARE(h.flow.state(), LoginFlow::State::Failed);
}

void TestLoginFlow::discoveryFails()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 deadPort = closed.serverPort();
    closed.close();
    h.profile.issuer = QUrl(u"http://127.0.0.1:%1/"_s.arg(deadPort));
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    h.flow.start(h.profile);
    QVERIFY(finished.wait(10000));
    const auto r = finished.first().at(0).value<LoginResult>();
    QVERIFY2(r.error.contains(u"refused"_s), qPrintable(r.error));
}

void TestLoginFlow::invalidProfile()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    h.profile.clientId.clear();
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    h.flow.start(h.profile);
    QCOMPARE(finished.count(), 0); // never inside start()
    QVERIFY(finished.wait(2000));
    QVERIFY(finished.first().at(0).value<LoginResult>().error.contains(u"Client ID"_s));
}

void TestLoginFlow::fixedPortInUse()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost));
    h.profile.redirectPort = taken.serverPort();
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    h.flow.start(h.profile);
    QVERIFY(finished.wait(10000));
    const QString error = finished.first().at(0).value<LoginResult>().error;
    QVERIFY2(error.contains(QString::number(taken.serverPort())), qPrintable(error));
}

void TestLoginFlow::resourceIndicator()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    Harness h(sandbox);
    h.profile.resource = h.profile.audience;
    h.profile.audience.clear();
    h.profile.extraParams = {{u"login_hint"_s, u"a+b c&d"_s}};
    const auto result = h.loginThroughBrowser();
    QVERIFY(result);
    const LoginResult &r = *result;
    QVERIFY2(r.ok, qPrintable(r.error));
    const auto q = FormData::parse(h.flow.authorizationUrl().query(QUrl::FullyEncoded).toLatin1());
    QCOMPARE(q->value(u"resource"_s), sandbox.tenant().audience());
    QCOMPARE(q->value(u"login_hint"_s), u"a+b c&d"_s);
    QVERIFY(!q->contains(u"audience"_s));
}

QTEST_GUILESS_MAIN(TestLoginFlow)
#include "tst_loginflow.moc"
