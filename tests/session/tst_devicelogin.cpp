// SPDX-License-Identifier: MIT
// The device login (RFC 8628) in the core, against the sandbox over real
// HTTP with the real clock: it ends in the same stored tokens as a browser
// login (id_token checked, DPoP-bound when the profile says so), and it is
// denied, expires, slows down and is cancelled with one finished() each.
#include "oauth/discoveryclient.h"
#include "sandbox/sandboxtenant.h"
#include "http/localhttpserver.h"
#include "session/loginflow.h"
#include "storage/tokenstore.h"
#include "support/flowhelpers.h"
#include "support/testhttp.h"

#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QJsonObject>
#include <QJsonDocument>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestDeviceLogin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void autoApproved();
    void approvedOnThePages();
    void deniedOnThePages();
    void expires();
    void slowsDown();
    void cancelWhileWaiting();
    void dpop();
    void offeredOrNot();
    void notOffered();
};

namespace {

// A tenant on the real clock that asks for a poll every second.
struct Tenant
{
    explicit Tenant(bool autoApprove, int lifetime = 600, int interval = 1)
    {
        SandboxConfig config;
        if (autoApprove)
            config.autoApprove = AutoApprove{u"alice"_s, std::nullopt};
        config.deviceCodeLifetimeSeconds = lifetime;
        config.deviceIntervalSeconds = interval;
        tenant = std::make_unique<SandboxTenant>(config);
        started = tenant->start();
        if (started && !tenant->isKeyReady()) {
            QSignalSpy ready(tenant.get(), &SandboxTenant::keyReady);
            started = ready.wait(30000);
        }
    }
    std::unique_ptr<SandboxTenant> tenant;
    bool started = false;
};

struct Harness
{
    explicit Harness(Tenant &t)
        : discovery(&network), flow(&network, &discovery, &store, systemClock()), profile(t.tenant->profileFor(Profile::sandbox({}, {}, {}, {})))
    {
        QObject::connect(&flow, &LoginFlow::deviceCodeReady, &flow, [this](const DevicePrompt &p) { prompts << p; });
        QObject::connect(&flow, &LoginFlow::progress, &flow, [this](const QString &line) { progress << line; });
        options.device = LoginFlow::Options::Device::On;
    }
    std::optional<LoginResult> login(int timeoutMs = 20000)
    {
        QSignalSpy finished(&flow, &LoginFlow::finished);
        flow.start(profile, options);
        if (!finished.wait(timeoutMs))
            return std::nullopt;
        QTest::qWait(50);
        if (finished.size() != 1)
            return std::nullopt; // exactly one finished()
        return finished.first().at(0).value<LoginResult>();
    }
    QNetworkAccessManager network;
    DiscoveryClient discovery;
    MemoryTokenStore store;
    LoginFlow flow;
    Profile profile;
    LoginFlow::Options options;
    QList<DevicePrompt> prompts;
    QStringList progress;
};

// The user on the other device: enters the code, signs in as alice, allows or denies.
void decideOnPages(const DevicePrompt &prompt, bool allow)
{
    TestHttp http;
    QUrl url = prompt.verificationUri;
    url.setQuery(u"user_code="_s + prompt.userCode);
    const HttpResult page = http.get(url);
    const QString txn = QRegularExpression(u"name=\"txn\" value=\"([^\"]+)\""_s).match(QString::fromUtf8(page.body)).captured(1);
    QUrl login = prompt.verificationUri;
    login.setPath(u"/authorize/login"_s);
    FormData chosen;
    chosen.add(u"txn"_s, txn);
    chosen.add(u"user"_s, u"alice"_s);
    http.post(login, chosen.encode());
    QUrl consent = prompt.verificationUri;
    consent.setPath(u"/authorize/consent"_s);
    FormData decision;
    decision.add(u"txn"_s, txn);
    decision.add(u"action"_s, allow ? u"allow"_s : u"deny"_s);
    for (const QString &s : {u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s, u"read:messages"_s})
        decision.add(u"scope"_s, s);
    http.post(consent, decision.encode());
}

} // namespace

void TestDeviceLogin::autoApproved()
{
    Tenant t(true);
    QVERIFY(t.started);
    Harness h(t);
    QSignalSpy states(&h.flow, &LoginFlow::stateChanged);
    QSignalSpy browser(&h.flow, &LoginFlow::openBrowserRequested);
    const auto r = h.login();
    QVERIFY(r);
    QVERIFY2(r->ok, qPrintable(r->error));
    QVERIFY(r->device);
    QCOMPARE(browser.size(), 0);
    QCOMPARE(h.prompts.size(), 1);
    QVERIFY(!h.prompts.first().userCode.isEmpty());
    QCOMPARE(h.prompts.first().interval, 1);
    QCOMPARE(r->subject, u"sandbox|alice"_s);
    QVERIFY(r->idToken.passed()); // the same id_token checks as a browser login, without a nonce
    QVERIFY(r->nonce.isEmpty());
    QList<LoginFlow::State> seen;
    for (const auto &s : states)
        seen << s.first().value<LoginFlow::State>();
    QCOMPARE(seen, (QList<LoginFlow::State>{LoginFlow::State::Discovering, LoginFlow::State::WaitingForDevice,
                                            LoginFlow::State::Exchanging, LoginFlow::State::SignedIn}));
    // The same stored session as a browser login.
    const auto stored = storedTokens(h.store, h.profile.name);
    QVERIFY(stored);
    QCOMPARE(stored->accessToken, r->tokens.accessToken);
    QVERIFY(!stored->refreshToken.isEmpty());
    // Nothing secret in what the flow said on the way.
    for (const QString &line : h.progress)
        QVERIFY2(!line.contains(r->tokens.accessToken.left(20)), qPrintable(line));
}

void TestDeviceLogin::approvedOnThePages()
{
    Tenant t(false);
    QVERIFY(t.started);
    Harness h(t);
    QObject::connect(&h.flow, &LoginFlow::deviceCodeReady, &h.flow, [](const DevicePrompt &p) { decideOnPages(p, true); });
    const auto r = h.login();
    QVERIFY(r);
    QVERIFY2(r->ok, qPrintable(r->error));
    QCOMPARE(r->subject, u"sandbox|alice"_s);
    QVERIFY(r->tokens.grantedScopes().contains(u"read:messages"_s));
}

void TestDeviceLogin::deniedOnThePages()
{
    Tenant t(false);
    QVERIFY(t.started);
    Harness h(t);
    QObject::connect(&h.flow, &LoginFlow::deviceCodeReady, &h.flow, [](const DevicePrompt &p) { decideOnPages(p, false); });
    const auto r = h.login();
    QVERIFY(r);
    QVERIFY(!r->ok);
    QVERIFY(!r->cancelled);
    QVERIFY2(r->error.contains(u"declined"_s), qPrintable(r->error));
    QCOMPARE(h.flow.state(), LoginFlow::State::Failed);
    QVERIFY(!storedTokens(h.store, h.profile.name));
}

void TestDeviceLogin::expires()
{
    // Nobody enters the code: the issuer's expired_token or TokenLab's own deadline, whichever comes first.
    Tenant t(false, 2);
    QVERIFY(t.started);
    Harness h(t);
    const auto r = h.login();
    QVERIFY(r);
    QVERIFY(!r->ok);
    QVERIFY2(r->error.contains(u"expired"_s), qPrintable(r->error));
    QCOMPARE(h.flow.state(), LoginFlow::State::Failed);
}

void TestDeviceLogin::slowsDown()
{
    // The tenant wants 5 s between polls; a client whose second lasts 10 ms asks far too soon.
    Tenant t(false, 600, 5);
    QVERIFY(t.started);
    Harness h(t);
    h.options.deviceSecond = 10ms;
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    h.flow.start(h.profile, h.options);
    QTRY_VERIFY_WITH_TIMEOUT(h.progress.join(u'\n').contains(u"slow_down"_s), 20000);
    QVERIFY(h.progress.join(u'\n').contains(u"every 10 s"_s)); // RFC 8628 3.5: 5 s more
    QVERIFY(h.flow.isRunning());
    h.flow.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(h.flow.state(), LoginFlow::State::Cancelled);
}

void TestDeviceLogin::cancelWhileWaiting()
{
    Tenant t(false);
    QVERIFY(t.started);
    Harness h(t);
    QSignalSpy finished(&h.flow, &LoginFlow::finished);
    h.flow.start(h.profile, h.options);
    QTRY_COMPARE_WITH_TIMEOUT(h.flow.state(), LoginFlow::State::WaitingForDevice, 15000);
    h.flow.cancel();
    QCOMPARE(finished.size(), 1);
    const LoginResult r = finished.first().at(0).value<LoginResult>();
    QVERIFY(r.cancelled);
    QTest::qWait(1500); // a poll that was due now would have nobody to tell
    QCOMPARE(finished.size(), 1);
    QVERIFY(!storedTokens(h.store, h.profile.name));
}

void TestDeviceLogin::dpop()
{
    Tenant t(true);
    QVERIFY(t.started);
    Harness h(t);
    h.profile.dpop = true;
    const auto r = h.login();
    QVERIFY(r);
    QVERIFY2(r->ok, qPrintable(r->error));
    QVERIFY(r->tokens.isDpopBound());
    QVERIFY(storedTokens(h.store, h.profile.name)->isDpopBound());
}

void TestDeviceLogin::offeredOrNot()
{
    // IfOffered takes the device flow at an issuer that offers it.
    Tenant t(true);
    QVERIFY(t.started);
    Harness h(t);
    h.options.device = LoginFlow::Options::Device::IfOffered;
    const auto r = h.login();
    QVERIFY(r && r->ok);
    QVERIFY(r->device);
}

// An issuer without a device_authorization_endpoint: a profile that asks
// for the device flow fails with a sentence naming the profile's setting;
// the automatic choice says that a browser is used after all.
void TestDeviceLogin::notOffered()
{
    std::unique_ptr<LocalHttpServer> issuer;
    issuer = std::make_unique<LocalHttpServer>([&issuer](const HttpRequest &r) {
        const QString base = u"http://127.0.0.1:%1"_s.arg(issuer->port());
        if (r.path == "/.well-known/openid-configuration")
            return HttpResponse::json(200, QJsonDocument(QJsonObject{{u"issuer"_s, base}, {u"authorization_endpoint"_s, QString(base + u"/authorize"_s)},
                                                                     {u"token_endpoint"_s, QString(base + u"/token"_s)}, {u"jwks_uri"_s, QString(base + u"/jwks"_s)},
                                                                     {u"code_challenge_methods_supported"_s, QJsonArray{u"S256"_s}}})
                                                   .toJson(QJsonDocument::Compact));
        return HttpResponse::json(404, R"({"error":"not_found"})");
    });
    QVERIFY(issuer->listen(QHostAddress::LocalHost));
    Tenant t(true);
    QVERIFY(t.started);
    Harness h(t);
    h.profile = Profile{};
    h.profile.name = u"no-device"_s;
    h.profile.issuer = QUrl(u"http://127.0.0.1:%1"_s.arg(issuer->port()));
    h.profile.clientId = u"native"_s;
    h.profile.device = true;
    h.options.device = LoginFlow::Options::Device::IfOffered; // no display here: the profile's setting still wins
    auto r = h.login();
    QVERIFY(r);
    QVERIFY(!r->ok);
    QVERIFY2(r->error.contains(u"The profile no-device logs in on another device"_s) && r->error.contains(u"device setting off"_s),
             qPrintable(r->error));

    h.profile.device = false;
    QSignalSpy browser(&h.flow, &LoginFlow::openBrowserRequested);
    h.flow.start(h.profile, h.options);
    QTRY_VERIFY_WITH_TIMEOUT(browser.size() == 1, 10000);
    QVERIFY2(h.progress.join(u'\n').contains(u"uses a browser after all"_s), qPrintable(h.progress.join(u'\n')));
    h.flow.cancel();
}

QTEST_GUILESS_MAIN(TestDeviceLogin)
#include "tst_devicelogin.moc"
