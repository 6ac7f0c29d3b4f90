// SPDX-License-Identifier: MIT
#include "oauth/discoveryclient.h"
#include "http/localhttpserver.h"
#include "oauth/providermetadata.h"
#include "support/sandboxfixture.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProviderMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void discoveryUrl_data();
    void discoveryUrl();
    void againstSandbox();
    void brokenServers_data();
    void brokenServers();
    void oauthMetadataUrl_data();
    void oauthMetadataUrl();
    void fallsBackToOAuthMetadata_data();
    void fallsBackToOAuthMetadata();
};

namespace {
const QUrl issuer(u"https://tenant.example/"_s);

QJsonObject goodDocument()
{
    return {{u"issuer"_s, u"https://tenant.example/"_s},
            {u"authorization_endpoint"_s, u"https://tenant.example/authorize"_s},
            {u"token_endpoint"_s, u"https://tenant.example/oauth/token"_s},
            {u"jwks_uri"_s, u"https://tenant.example/.well-known/jwks.json"_s}};
}
} // namespace

void TestProviderMetadata::parse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");

    auto doc = [](const QJsonObject &o) { return QJsonDocument(o).toJson(); };
    QJsonObject o;
    QTest::newRow("minimal") << doc(goodDocument()) << true;
    o = goodDocument(); o[u"issuer"_s] = u"https://tenant.example"_s;
    QTest::newRow("issuer-without-slash-mismatch") << doc(o) << false;
    o = goodDocument(); o[u"issuer"_s] = u"https://attacker.example/"_s;
    QTest::newRow("mix-up-issuer") << doc(o) << false;
    o = goodDocument(); o.remove(u"issuer"_s);
    QTest::newRow("no-issuer") << doc(o) << false;
    o = goodDocument(); o.remove(u"token_endpoint"_s);
    QTest::newRow("no-token-endpoint") << doc(o) << false;
    o = goodDocument(); o[u"token_endpoint"_s] = u"http://tenant.example/oauth/token"_s;
    QTest::newRow("plain-http-endpoint") << doc(o) << false;
    o = goodDocument(); o[u"token_endpoint"_s] = u"http://127.0.0.1:8080/oauth/token"_s;
    QTest::newRow("loopback-http-endpoint") << doc(o) << true;
    o = goodDocument(); o[u"token_endpoint"_s] = u"/oauth/token"_s;
    QTest::newRow("relative-endpoint") << doc(o) << false;
    o = goodDocument(); o[u"jwks_uri"_s] = 12;
    QTest::newRow("endpoint-not-string") << doc(o) << false;
    o = goodDocument(); o[u"userinfo_endpoint"_s] = u"javascript:alert(1)"_s;
    QTest::newRow("javascript-url") << doc(o) << false;
    QTest::newRow("not-json") << QByteArray("<html>not found</html>") << false;
    QTest::newRow("array") << QByteArray("[]") << false;
    QTest::newRow("truncated") << doc(goodDocument()).left(40) << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("garbage") << QByteArray("\xff\xfe\x00\x01", 4) << false;
}

void TestProviderMetadata::parse()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QString error;
    const auto m = ProviderMetadata::parse(json, issuer, &error);
    QCOMPARE(m.has_value(), valid);
    QCOMPARE(error.isEmpty(), valid);
}

void TestProviderMetadata::discoveryUrl_data()
{
    QTest::addColumn<QUrl>("issuer");
    QTest::addColumn<QUrl>("expected");
    QTest::newRow("auth0-trailing-slash") << QUrl(u"https://t.eu.auth0.com/"_s) << QUrl(u"https://t.eu.auth0.com/.well-known/openid-configuration"_s);
    QTest::newRow("no-slash") << QUrl(u"https://t.example"_s) << QUrl(u"https://t.example/.well-known/openid-configuration"_s);
    QTest::newRow("with-path") << QUrl(u"https://kc.example/realms/demo"_s) << QUrl(u"https://kc.example/realms/demo/.well-known/openid-configuration"_s);
}

void TestProviderMetadata::discoveryUrl()
{
    QFETCH(QUrl, issuer);
    QFETCH(QUrl, expected);
    QCOMPARE(ProviderMetadata::discoveryUrl(issuer), expected);
}

void TestProviderMetadata::againstSandbox()
{
    SandboxFixture sandbox;
    QVERIFY(sandbox.started());
    QNetworkAccessManager network;
    DiscoveryClient client(&network);
    QSignalSpy spy(client.discover(sandbox.tenant().issuer()), &DiscoveryJob::finished);
    QCOMPARE(spy.count(), 0); // never before discover() returns
    QVERIFY(spy.wait());
    const auto result = spy.takeFirst().at(0).value<DiscoveryResult>();
    QVERIFY2(result.metadata, qPrintable(result.error));
    QCOMPARE(result.metadata->codeChallengeMethods, QStringList{u"S256"_s});
    QVERIFY(result.metadata->issParameterSupported);
    // A second one is served from the cache, still asynchronously and exactly once.
    QSignalSpy cached(client.discover(sandbox.tenant().issuer()), &DiscoveryJob::finished);
    QCOMPARE(cached.count(), 0);
    QTRY_COMPARE(cached.count(), 1);
    QTest::qWait(50);
    QCOMPARE(cached.count(), 1);
}

void TestProviderMetadata::brokenServers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expectedWords");
    QTest::newRow("404") << 404 << QByteArray("nope") << u"neither OpenID discovery"_s;
    QTest::newRow("500-html") << 500 << QByteArray("<h1>oops</h1>") << u"HTTP 500"_s;
    QTest::newRow("200-html") << 200 << QByteArray("<h1>hi</h1>") << u"not valid JSON"_s;
    QTest::newRow("200-wrong-issuer") << 200 << QByteArray(R"({"issuer":"https://elsewhere/"})") << u"names the issuer"_s;
    QTest::newRow("connection-refused") << 0 << QByteArray() << u"refused"_s;
    QTest::newRow("200-oversized") << 200 << (QByteArray(R"({"issuer":")") + QByteArray(600 * 1024, 'a') + "\"}")
                                   << u"larger than 524288 bytes"_s;
}

void TestProviderMetadata::brokenServers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expectedWords);
    LocalHttpServer server([&](const HttpRequest &) { return HttpResponse::json(status, body); });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QUrl issuerUrl(u"http://127.0.0.1:%1/"_s.arg(server.port()));
    if (status == 0)
        server.close();
    QNetworkAccessManager network;
    DiscoveryClient client(&network);
    QSignalSpy spy(client.discover(issuerUrl), &DiscoveryJob::finished);
    QVERIFY(spy.wait());
    const auto result = spy.takeFirst().at(0).value<DiscoveryResult>();
    QVERIFY(!result.metadata);
    QVERIFY2(result.error.contains(expectedWords), qPrintable(result.error));
}

void TestProviderMetadata::oauthMetadataUrl_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("expected");
    // RFC 8414 3.1: the well-known part goes between the host and the issuer's path.
    QTest::newRow("root") << u"https://as.example/"_s << u"https://as.example/.well-known/oauth-authorization-server"_s;
    QTest::newRow("no-slash") << u"https://as.example"_s << u"https://as.example/.well-known/oauth-authorization-server"_s;
    QTest::newRow("path") << u"https://as.example/tenant/t1"_s << u"https://as.example/.well-known/oauth-authorization-server/tenant/t1"_s;
    QTest::newRow("port") << u"http://127.0.0.1:8080/realms/x/"_s << u"http://127.0.0.1:8080/.well-known/oauth-authorization-server/realms/x"_s;
}

void TestProviderMetadata::oauthMetadataUrl()
{
    QFETCH(QString, issuer);
    QFETCH(QString, expected);
    QCOMPARE(ProviderMetadata::oauthMetadataUrl(QUrl(issuer)).toString(), expected);
}

void TestProviderMetadata::fallsBackToOAuthMetadata_data()
{
    QTest::addColumn<QString>("issuerPath");
    QTest::newRow("root") << u"/"_s;
    QTest::newRow("path") << u"/tenant/t1"_s;
}

void TestProviderMetadata::fallsBackToOAuthMetadata()
{
    // An OAuth 2.0 authorization server with no OpenID discovery and no jwks_uri (opaque tokens).
    QFETCH(QString, issuerPath);
    QStringList asked;
    quint16 port = 0;
    LocalHttpServer server([&](const HttpRequest &r) {
        asked << QString::fromLatin1(r.path);
        const QString base = u"http://127.0.0.1:%1"_s.arg(port);
        if (r.path != "/.well-known/oauth-authorization-server" + (issuerPath == u"/" ? QByteArray() : issuerPath.toLatin1()))
            return HttpResponse::json(404, "{}");
        const QJsonObject doc{{u"issuer"_s, QString(base + issuerPath)},
                              {u"authorization_endpoint"_s, QString(base + u"/authorize"_s)},
                              {u"token_endpoint"_s, QString(base + u"/token"_s)},
                              {u"code_challenge_methods_supported"_s, QJsonArray{u"S256"_s}}};
        return HttpResponse::json(200, QJsonDocument(doc).toJson());
    });
    QVERIFY(server.listen(QHostAddress::LocalHost));
    port = server.port();
    QNetworkAccessManager network;
    DiscoveryClient client(&network);
    QSignalSpy spy(client.discover(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(issuerPath))), &DiscoveryJob::finished);
    QVERIFY(spy.wait());
    const auto result = spy.takeFirst().at(0).value<DiscoveryResult>();
    QVERIFY2(result.metadata, qPrintable(result.error));
    QVERIFY(result.metadata->fromOAuthMetadata);
    QVERIFY(result.metadata->jwksUri.isEmpty());
    QCOMPARE(result.metadata->tokenEndpoint.path(), u"/token"_s);
    QCOMPARE(asked.size(), 2);
    QVERIFY(asked.first().endsWith(u"/.well-known/openid-configuration"_s));
}

QTEST_GUILESS_MAIN(TestProviderMetadata)
#include "tst_providermetadata.moc"
