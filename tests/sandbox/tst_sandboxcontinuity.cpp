// SPDX-License-Identifier: MIT
// A sandbox tenant across runs: with continuity on, its signing key comes
// back from the keychain (a real gnome-keyring in a private D-Bus session,
// tests/keyring/with-keyring) and its ports from a small JSON file, so a
// token from one run verifies in the next; when that cannot be,
// continuityProblem() says why. Also: the remembered-ports file's parser,
// and requests that arrive before the key is ready, which wait for it.
#include "sandbox/rememberedports.h"
#include "sandbox/sandboxtenant.h"
#include "storage/keychainsecret.h"
#include "support/keyringtest.h"
#include "support/testhttp.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestSandboxContinuity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rememberedPortsParse_data();
    void rememberedPortsParse();
    void rememberedPortsRoundTrip();
    void keyWaitIsBoundedAndAnsweredOnce();
    void requestsBeforeTheKeyWaitForIt();
    void keyWhenFirstNeeded();
    void sameKeyAndPortsAcrossRuns();
    void takenPortMovesAndIsNamed();
    void deletedKeyGivesNewKid();
    void frozenKeychainStillServes();
    void cleanup();

private:
    SandboxConfig continuing() const;
    static bool waitForKey(SandboxTenant &tenant);
    static QString clientCredentialsToken(SandboxTenant &tenant);
    static int callPrivateApi(SandboxTenant &tenant, const QString &token);

    QTemporaryDir m_dir;
    static const QString Service;
};

const QString TestSandboxContinuity::Service = u"TokenLabTest-sandbox"_s;

void TestSandboxContinuity::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestSandboxContinuity::cleanup()
{
    QFile::remove(m_dir.filePath(u"sandbox.json"_s));
    if (KeyringTest::unavailableReason().isEmpty()) {
        auto *job = KeychainSecret::remove(Service, QString::fromLatin1(SandboxContinuity::DefaultKeychainEntry));
        QSignalSpy done(job, &KeychainSecret::finished);
        job->start();
        done.wait(10000);
        delete job;
    }
}

SandboxConfig TestSandboxContinuity::continuing() const
{
    SandboxConfig config;
    config.continuity = SandboxContinuity{};
    config.continuity->keychainService = Service;
    config.continuity->keychainTimeout = 10s;
    config.continuity->portsFile = m_dir.filePath(u"sandbox.json"_s);
    return config;
}

bool TestSandboxContinuity::waitForKey(SandboxTenant &tenant)
{
    if (tenant.isKeyReady())
        return true;
    QSignalSpy ready(&tenant, &SandboxTenant::keyReady);
    return ready.wait(30000);
}

QString TestSandboxContinuity::clientCredentialsToken(SandboxTenant &tenant)
{
    QUrl url = tenant.issuer();
    url.setPath(u"/oauth/token"_s);
    const QByteArray form = "grant_type=client_credentials&client_id=" + tenant.m2mClientId().toUtf8()
            + "&client_secret=" + tenant.m2mClientSecret().toUtf8() + "&audience=" + QUrl::toPercentEncoding(tenant.audience());
    TestHttp http;
    const HttpResult r = http.post(url, form);
    return r.status == 200 ? r.json().value(u"access_token").toString() : QString();
}

int TestSandboxContinuity::callPrivateApi(SandboxTenant &tenant, const QString &token)
{
    QUrl url = tenant.apiBaseUrl();
    url.setPath(u"/api/private"_s);
    TestHttp http;
    return http.get(url, {{"Authorization", "Bearer " + token.toLatin1()}}).status;
}

void TestSandboxContinuity::rememberedPortsParse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("as");
    QTest::addColumn<int>("api");
    QTest::newRow("valid") << QByteArray(R"({"version":1,"authorization_server_port":40001,"api_port":40002})") << 40001 << 40002;
    QTest::newRow("extra-members-ignored") << QByteArray(R"({"version":1,"authorization_server_port":1,"api_port":65535,"x":[]})") << 1 << 65535;
    QTest::newRow("empty") << QByteArray() << 0 << 0;
    QTest::newRow("not-json") << QByteArray("authorization_server_port=1") << 0 << 0;
    QTest::newRow("array") << QByteArray(R"([40001,40002])") << 0 << 0;
    QTest::newRow("no-version") << QByteArray(R"({"authorization_server_port":40001,"api_port":40002})") << 0 << 0;
    QTest::newRow("future-version") << QByteArray(R"({"version":2,"authorization_server_port":40001,"api_port":40002})") << 0 << 0;
    QTest::newRow("missing-api") << QByteArray(R"({"version":1,"authorization_server_port":40001})") << 0 << 0;
    QTest::newRow("port-zero") << QByteArray(R"({"version":1,"authorization_server_port":0,"api_port":40002})") << 0 << 0;
    QTest::newRow("port-too-big") << QByteArray(R"({"version":1,"authorization_server_port":65536,"api_port":40002})") << 0 << 0;
    QTest::newRow("negative") << QByteArray(R"({"version":1,"authorization_server_port":-5,"api_port":40002})") << 0 << 0;
    QTest::newRow("fraction") << QByteArray(R"({"version":1,"authorization_server_port":4000.5,"api_port":40002})") << 0 << 0;
    QTest::newRow("string-port") << QByteArray(R"({"version":1,"authorization_server_port":"40001","api_port":40002})") << 0 << 0;
    QTest::newRow("same-port-twice") << QByteArray(R"({"version":1,"authorization_server_port":40001,"api_port":40001})") << 0 << 0;
    QTest::newRow("huge-number") << QByteArray(R"({"version":1,"authorization_server_port":1e308,"api_port":40002})") << 0 << 0;
    QTest::newRow("oversized") << (QByteArray(R"({"version":1,"authorization_server_port":40001,"api_port":40002,"pad":")")
                                   + QByteArray(5000, 'a') + "\"}") << 0 << 0;
    QTest::newRow("nul-bytes") << QByteArray("{\"version\":1\0,\"api_port\":1}", 27) << 0 << 0;
}

void TestSandboxContinuity::rememberedPortsParse()
{
    QFETCH(QByteArray, json);
    QFETCH(int, as);
    QFETCH(int, api);
    const auto ports = RememberedPorts::parse(json);
    QCOMPARE(ports.has_value(), as != 0);
    if (ports) {
        QCOMPARE(int(ports->authorizationServer), as);
        QCOMPARE(int(ports->api), api);
    }
}

void TestSandboxContinuity::rememberedPortsRoundTrip()
{
    const QString path = m_dir.filePath(u"nested/dir/sandbox.json"_s);
    QVERIFY(!RememberedPorts::load(path));
    const RememberedPorts ports{40101, 40102};
    QString error;
    QVERIFY2(ports.save(path, &error), qPrintable(error));
    QCOMPARE(RememberedPorts::load(path), std::optional<RememberedPorts>(ports));
}

void TestSandboxContinuity::keyWaitIsBoundedAndAnsweredOnce()
{
    // No key yet (the first request starts it): requests wait, the third is refused at once.
    TenantKey key(std::nullopt, 30s, 2);
    QList<int> statuses;
    auto responder = [&statuses](const HttpResponse &r) { statuses << r.status; };
    auto handler = [&key](const HttpRequest &) {
        return HttpResponse::text(200, key.key() ? key.key()->kid().toLatin1() : QByteArray());
    };
    HttpRequest request;
    request.path = "/.well-known/jwks.json";
    key.whenReady(request, responder, handler);
    key.whenReady(request, responder, handler);
    QCOMPARE(statuses, QList<int>());
    key.whenReady(request, responder, handler);
    QCOMPARE(statuses, QList<int>{503});
    QSignalSpy ready(&key, &TenantKey::ready);
    key.start();
    QVERIFY(ready.wait(30000));
    QCOMPARE(statuses, (QList<int>{503, 200, 200}));
    QCOMPARE(key.state(), TenantKey::State::NewInMemory);
    QTest::qWait(50);
    QCOMPARE(statuses.size(), 3); // each answered exactly once

    // A key that never comes: 503 with a sentence after the wait.
    struct NeverLoads : TenantKey
    {
        using TenantKey::TenantKey;
        void load() override {}
    };
    NeverLoads never(std::nullopt, 100ms, 8);
    HttpResponse answer;
    int answers = 0;
    never.whenReady(request, [&](const HttpResponse &r) { answer = r; ++answers; }, handler);
    QTRY_COMPARE_WITH_TIMEOUT(answers, 1, 10000);
    QCOMPARE(answer.status, 503);
    QVERIFY2(answer.body.contains("not ready within"), answer.body.constData());
    QTest::qWait(150);
    QCOMPARE(answers, 1);
}

void TestSandboxContinuity::requestsBeforeTheKeyWaitForIt()
{
    SandboxTenant tenant; // tokenlab-sandbox's way: a new key in memory
    QVERIFY(tenant.start());
    QVERIFY(!tenant.isKeyReady()); // generation runs in the background; start() did not wait
    // Several at once, before the key is ready: each is answered once it is.
    QNetworkAccessManager network;
    QUrl jwks = tenant.issuer();
    jwks.setPath(u"/.well-known/jwks.json"_s);
    QUrl discovery = tenant.issuer();
    discovery.setPath(u"/.well-known/openid-configuration"_s);
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 3; ++i)
        replies << network.get(QNetworkRequest(jwks));
    QNetworkReply *plain = network.get(QNetworkRequest(discovery)); // needs no key
    QTRY_VERIFY_WITH_TIMEOUT(plain->isFinished(), 30000);
    QCOMPARE(plain->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    for (QNetworkReply *reply : std::as_const(replies)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonArray keys = QJsonDocument::fromJson(reply->readAll()).object().value(u"keys").toArray();
        QCOMPARE(keys.size(), 1);
        QVERIFY(tenant.isKeyReady());
        QCOMPARE(keys.first().toObject().value(u"kid").toString(), tenant.signingKey().kid());
    }
    qDeleteAll(replies);
    delete plain;
    QCOMPARE(tenant.keyState(), TenantKey::State::NewInMemory);
}

void TestSandboxContinuity::keyWhenFirstNeeded()
{
    // The window's tenant: listening makes no key; the first request that needs one does,
    // and so do tokens from an earlier run (their kid is compared once the key is there).
    enum class Need { TokenRequest, AuthorizationRequest, EarlierTokens };
    for (const Need need : {Need::TokenRequest, Need::AuthorizationRequest, Need::EarlierTokens}) {
        SandboxConfig config;
        config.keyWhenFirstNeeded = true;
        SandboxTenant tenant(config);
        QVERIFY(tenant.start());
        QTest::qWait(300); // what a key generation takes at most on a quiet machine
        QVERIFY(!tenant.isKeyReady());
        QCOMPARE(tenant.keyState(), TenantKey::State::Pending);
        QUrl discovery = tenant.issuer();
        discovery.setPath(u"/.well-known/openid-configuration"_s);
        TestHttp http;
        QCOMPARE(http.get(discovery).status, 200); // needs no key
        QTest::qWait(300);
        QVERIFY(!tenant.isKeyReady());
        QCOMPARE(tenant.keyState(), TenantKey::State::Pending);
        if (need == Need::AuthorizationRequest) {
            // A login's first request starts it, so it is made while the user signs in.
            QUrl authorize = tenant.issuer();
            authorize.setPath(u"/authorize"_s);
            authorize.setQuery(u"client_id=tokenlab-native"_s);
            http.get(authorize);
            QVERIFY(waitForKey(tenant));
        } else if (need == Need::TokenRequest) {
            const QString token = clientCredentialsToken(tenant); // waits for the key it started
            QVERIFY(!token.isEmpty());
            QVERIFY(tenant.isKeyReady());
            QCOMPARE(callPrivateApi(tenant, token), 200);
        } else {
            auto part = [](const QJsonObject &o) {
                return QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            };
            const QString earlier = QString::fromLatin1(part({{u"alg"_s, u"RS256"_s}, {u"kid"_s, u"an-earlier-key"_s}}) + '.'
                                                        + part({{u"iss"_s, tenant.issuer().toString()}}) + ".c2ln");
            QCOMPARE(tenant.continuityProblem(earlier), QString()); // only iss can be compared yet
            QVERIFY(waitForKey(tenant));
            QVERIFY2(tenant.continuityProblem(earlier).contains(u"signing key has changed"_s), qPrintable(tenant.continuityProblem(earlier)));
        }
    }
}

void TestSandboxContinuity::sameKeyAndPortsAcrossRuns()
{
    TOKENLAB_REQUIRE_KEYRING();
    QString kid;
    QString token;
    QUrl issuer;
    QUrl api;
    {
        SandboxTenant first(continuing());
        QVERIFY(first.start());
        QVERIFY(waitForKey(first));
        QCOMPARE(first.keyState(), TenantKey::State::NewSaved);
        QVERIFY(!first.portsMoved());
        kid = first.signingKey().kid();
        issuer = first.issuer();
        api = first.apiBaseUrl();
        token = clientCredentialsToken(first);
        QVERIFY(!token.isEmpty());
        QCOMPARE(first.continuityProblem(token), QString());
    }
    // The key is in the keychain, not in any file; the file holds the ports only.
    QVERIFY(KeyringTest::secretToolSearch(Service).contains("sandbox-signing-key"));
    QCOMPARE(KeyringTest::filesContaining(QDir::homePath(), "PRIVATE KEY"), QStringList());
    QCOMPARE(KeyringTest::filesContaining(m_dir.path(), "PRIVATE KEY"), QStringList());
    const auto remembered = RememberedPorts::load(m_dir.filePath(u"sandbox.json"_s));
    QVERIFY(remembered);
    QCOMPARE(int(remembered->authorizationServer), issuer.port());
    QCOMPARE(int(remembered->api), api.port());

    SandboxTenant second(continuing());
    QVERIFY(second.start());
    QCOMPARE(second.issuer(), issuer);
    QCOMPARE(second.apiBaseUrl(), api);
    QVERIFY(!second.portsMoved());
    QVERIFY(waitForKey(second));
    QCOMPARE(second.keyState(), TenantKey::State::FromKeychain);
    QCOMPARE(second.signingKey().kid(), kid);
    QCOMPARE(second.continuityProblem(token), QString());
    QCOMPARE(callPrivateApi(second, token), 200);
}

void TestSandboxContinuity::takenPortMovesAndIsNamed()
{
    TOKENLAB_REQUIRE_KEYRING();
    QString token;
    quint16 oldPort = 0;
    {
        SandboxTenant first(continuing());
        QVERIFY(first.start());
        QVERIFY(waitForKey(first));
        token = clientCredentialsToken(first);
        oldPort = first.issuer().port();
    }
    QTcpServer squatter; // another program took the authorization server's port
    QVERIFY(squatter.listen(QHostAddress::LocalHost, oldPort));

    SandboxTenant second(continuing());
    QVERIFY(second.start());
    QVERIFY(second.portsMoved());
    QVERIFY(second.issuer().port() != oldPort);
    QVERIFY(waitForKey(second));
    QCOMPARE(second.keyState(), TenantKey::State::FromKeychain);
    const QString problem = second.continuityProblem(token);
    QVERIFY2(problem.contains(u"earlier sandbox run"_s) && problem.contains(u"ports have changed"_s), qPrintable(problem));
    QVERIFY(problem.contains(u"log in again"_s));
    QCOMPARE(callPrivateApi(second, token), 401);
    // The new ports are remembered for the next run.
    QCOMPARE(int(RememberedPorts::load(m_dir.filePath(u"sandbox.json"_s))->authorizationServer), second.issuer().port());
}

void TestSandboxContinuity::deletedKeyGivesNewKid()
{
    TOKENLAB_REQUIRE_KEYRING();
    QString token;
    QString kid;
    {
        SandboxTenant first(continuing());
        QVERIFY(first.start());
        QVERIFY(waitForKey(first));
        token = clientCredentialsToken(first);
        kid = first.signingKey().kid();
    }
    auto *job = KeychainSecret::remove(Service, QString::fromLatin1(SandboxContinuity::DefaultKeychainEntry));
    QSignalSpy removed(job, &KeychainSecret::finished);
    job->start();
    QVERIFY(removed.wait(10000));
    QCOMPARE(job->error(), TokenStoreError::None);
    delete job;

    SandboxTenant second(continuing());
    QVERIFY(second.start());
    QVERIFY(waitForKey(second));
    QCOMPARE(second.keyState(), TenantKey::State::NewSaved);
    QVERIFY(second.signingKey().kid() != kid);
    const QString problem = second.continuityProblem(token);
    QVERIFY2(problem.contains(u"signing key has changed"_s), qPrintable(problem));
    QCOMPARE(callPrivateApi(second, token), 401);
    QCOMPARE(second.continuityProblem(clientCredentialsToken(second)), QString());
    QVERIFY(!second.continuityProblem(u"not-a-jwt"_s).isEmpty());
}

void TestSandboxContinuity::frozenKeychainStillServes()
{
    TOKENLAB_REQUIRE_KEYRING();
    // A keychain that never answers: the tenant listens at once, and a
    // request that needs the key waits until the read gives up and a key
    // for this run only is made; nothing is written anywhere.
    SandboxConfig config = continuing();
    config.continuity->keychainTimeout = 1500ms;
    QCOMPARE(::kill(pid_t(KeyringTest::daemonPid()), SIGSTOP), 0);
    SandboxTenant tenant(config);
    QVERIFY(tenant.start());
    const QString token = clientCredentialsToken(tenant); // waits for the key
    QUrl jwks = tenant.issuer();
    jwks.setPath(u"/.well-known/jwks.json"_s);
    TestHttp http;
    const HttpResult r = http.get(jwks);
    QCOMPARE(::kill(pid_t(KeyringTest::daemonPid()), SIGCONT), 0);
    QVERIFY(!token.isEmpty());
    QCOMPARE(tenant.continuityProblem(token), QString());
    QCOMPARE(r.status, 200);
    QVERIFY(tenant.isKeyReady());
    QCOMPARE(tenant.keyState(), TenantKey::State::NewInMemory);
    QVERIFY2(tenant.keyNote().contains(u"this run only"_s), qPrintable(tenant.keyNote()));
    QCOMPARE(r.json().value(u"keys").toArray().first().toObject().value(u"kid").toString(), tenant.signingKey().kid());
    QVERIFY(!KeyringTest::secretToolSearch(Service).contains("sandbox-signing-key"));
}

QTEST_GUILESS_MAIN(TestSandboxContinuity)
#include "tst_sandboxcontinuity.moc"
