// SPDX-License-Identifier: MIT
// RFC 7591: TokenLab registers as a native public client with a loopback
// redirect, and reads the answer into a client_id (and a registration
// access token for the keychain), or one sentence.
#include "oauth/clientregistration.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

class TestClientRegistration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestIsANativePublicClient();
    void parse_data();
    void parse();
    void keepsTheAccessTokenOutOfRaw();
};

void TestClientRegistration::requestIsANativePublicClient()
{
    const QJsonObject r = ClientRegistration::request(QUrl(u"http://127.0.0.1/callback"_s));
    QCOMPARE(r.value(u"client_name").toString(), u"TokenLab"_s);
    QCOMPARE(r.value(u"application_type").toString(), u"native"_s);
    QCOMPARE(r.value(u"token_endpoint_auth_method").toString(), u"none"_s);
    QCOMPARE(r.value(u"redirect_uris").toArray(), QJsonArray{u"http://127.0.0.1/callback"_s});
    QCOMPARE(r.value(u"grant_types").toArray(), (QJsonArray{u"authorization_code"_s, u"refresh_token"_s}));
    QCOMPARE(r.value(u"response_types").toArray(), QJsonArray{u"code"_s});
    QVERIFY(!r.contains(u"client_secret"));
}

void TestClientRegistration::parse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("words"); // empty: accepted

    QTest::newRow("minimal") << 201 << QByteArray(R"({"client_id":"abc"})") << u"abc"_s << QString();
    QTest::newRow("full") << 201
                          << QByteArray(R"({"client_id":"abc","token_endpoint_auth_method":"none","registration_access_token":"rat",
                                 "registration_client_uri":"https://as.example/reg/abc","client_id_issued_at":1})")
                          << u"abc"_s << QString();
    QTest::newRow("200-ok") << 200 << QByteArray(R"({"client_id":"abc"})") << u"abc"_s << QString();
    QTest::newRow("no-client-id") << 201 << QByteArray(R"({"client_name":"TokenLab"})") << QString() << u"no \"client_id\" string"_s;
    QTest::newRow("client-id-number") << 201 << QByteArray(R"({"client_id":7})") << QString() << u"no \"client_id\" string"_s;
    QTest::newRow("client-id-empty") << 201 << QByteArray(R"({"client_id":""})") << QString() << u"no \"client_id\" string"_s;
    QTest::newRow("secret-for-public") << 201 << QByteArray(R"({"client_id":"abc","client_secret":"s3cret"})") << QString()
                                       << u"holds a client_secret"_s;
    QTest::newRow("confidential-method") << 201 << QByteArray(R"({"client_id":"abc","token_endpoint_auth_method":"client_secret_basic"})")
                                         << QString() << u"\"client_secret_basic\", not \"none\""_s;
    QTest::newRow("access-token-number") << 201 << QByteArray(R"({"client_id":"abc","registration_access_token":5})") << QString()
                                         << u"\"registration_access_token\" is not a string"_s;
    QTest::newRow("client-uri-http-remote") << 201 << QByteArray(R"({"client_id":"abc","registration_client_uri":"http://as.example/r"})")
                                            << QString() << u"\"registration_client_uri\" is not an https URL"_s;
    QTest::newRow("oauth-error") << 400 << QByteArray(R"({"error":"invalid_redirect_uri","error_description":"no loopback"})") << QString()
                                 << u"refused TokenLab (HTTP 400, invalid_redirect_uri): no loopback"_s;
    QTest::newRow("oauth-error-bare") << 400 << QByteArray(R"({"error":"invalid_client_metadata"})") << QString()
                                      << u"(HTTP 400, invalid_client_metadata)."_s;
    QTest::newRow("403-html") << 403 << QByteArray("<html>forbidden</html>") << QString() << u"HTTP 403 without an OAuth error"_s;
    QTest::newRow("not-json") << 201 << QByteArray("client_id=abc") << QString() << u"not valid JSON"_s;
    QTest::newRow("array") << 201 << QByteArray(R"([{"client_id":"abc"}])") << QString() << u"not a JSON object"_s;
    QTest::newRow("oversized") << 201 << QByteArray(R"({"client_id":"abc","x":")") + QByteArray(70000, 'x') + "\"}" << QString()
                               << u"larger than 65536 bytes"_s;
}

void TestClientRegistration::parse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, clientId);
    QFETCH(QString, words);
    QString error;
    const auto r = ClientRegistration::parseResponse(status, body, &error);
    if (words.isEmpty()) {
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->clientId, clientId);
    } else {
        QVERIFY(!r);
        QVERIFY2(error.contains(words), qPrintable(error));
    }
}

void TestClientRegistration::keepsTheAccessTokenOutOfRaw()
{
    QString error;
    const auto r = ClientRegistration::parseResponse(
            201, R"({"client_id":"abc","registration_access_token":"rat","registration_client_uri":"https://as.example/reg/abc"})", &error);
    QVERIFY2(r, qPrintable(error));
    QCOMPARE(r->registrationAccessToken, u"rat"_s);
    QCOMPARE(r->registrationClientUri, QUrl(u"https://as.example/reg/abc"_s));
    QVERIFY(!r->raw.contains(u"registration_access_token"));
}

QTEST_GUILESS_MAIN(TestClientRegistration)
#include "tst_clientregistration.moc"
