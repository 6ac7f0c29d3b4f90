// SPDX-License-Identifier: MIT
// RFC 7662 2.2 and 2.3: an introspection answer becomes what the issuer says
// of the token, or one sentence; hostile answers never pass as active.
#include "oauth/introspection.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestIntrospection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void readsTheMembers();
};

void TestIntrospection::parse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("answered");
    QTest::addColumn<bool>("active");
    QTest::addColumn<QString>("words");
    QTest::newRow("active") << 200 << QByteArray(R"({"active":true,"scope":"read"})") << true << true << QString();
    QTest::newRow("inactive") << 200 << QByteArray(R"({"active":false})") << true << false << QString();
    QTest::newRow("active-string") << 200 << QByteArray(R"({"active":"true"})") << false << false << u"boolean \"active\""_s;
    QTest::newRow("active-number") << 200 << QByteArray(R"({"active":1})") << false << false << u"boolean \"active\""_s;
    QTest::newRow("no-active") << 200 << QByteArray(R"({"scope":"read"})") << false << false << u"boolean \"active\""_s;
    QTest::newRow("array") << 200 << QByteArray(R"([{"active":true}])") << false << false << u"not with a JSON object"_s;
    QTest::newRow("html") << 200 << QByteArray("<html>login</html>") << false << false << u"not with a JSON object"_s;
    QTest::newRow("empty") << 200 << QByteArray() << false << false << u"not with a JSON object"_s;
    QTest::newRow("unauthenticated") << 401 << QByteArray(R"({"error":"invalid_client","error_description":"no auth"})") << false << false
                                     << u"did not accept the client's authentication (HTTP 401: no auth)"_s;
    QTest::newRow("invalid-client-400") << 400 << QByteArray(R"({"error":"invalid_client"})") << false << false << u"confidential clients only"_s;
    QTest::newRow("other-error") << 400 << QByteArray(R"({"error":"invalid_request","error_description":"token missing"})") << false << false
                                 << u"refused the request: token missing (invalid_request)"_s;
    QTest::newRow("no-error-500") << 500 << QByteArray("oops") << false << false << u"HTTP 500 without an OAuth error"_s;
}

void TestIntrospection::parse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, answered);
    QFETCH(bool, active);
    QFETCH(QString, words);
    const Introspection r = Introspection::parse(status, body);
    QCOMPARE(r.answered, answered);
    QCOMPARE(r.active, active);
    QVERIFY2(r.error.contains(words), qPrintable(r.error));
    QCOMPARE(r.error.isEmpty(), answered);
}

void TestIntrospection::readsTheMembers()
{
    const Introspection r = Introspection::parse(200, R"({"active":true,"scope":"openid read","client_id":"c1","username":"alice",
        "sub":"u-1","token_type":"Bearer","aud":["a","b"],"iss":"https://as.example/","exp":1700003600,"iat":1700000000,"x":1})");
    QVERIFY(r.active);
    QCOMPARE(r.scope, u"openid read"_s);
    QCOMPARE(r.clientId, u"c1"_s);
    QCOMPARE(r.username, u"alice"_s);
    QCOMPARE(r.subject, u"u-1"_s);
    QCOMPARE(r.tokenType, u"Bearer"_s);
    QCOMPARE(r.audience, (QStringList{u"a"_s, u"b"_s}));
    QCOMPARE(r.issuer, u"https://as.example/"_s);
    QCOMPARE(r.expiresAt.toSecsSinceEpoch(), 1700003600);
    QCOMPARE(r.issuedAt.toSecsSinceEpoch(), 1700000000);
    QCOMPARE(r.raw.value(u"x"_s).toInt(), 1);
    // Dates no calendar holds are left out, not wrapped.
    QVERIFY(!Introspection::parse(200, R"({"active":true,"exp":1e308})").expiresAt.isValid());
}

QTEST_GUILESS_MAIN(TestIntrospection)
#include "tst_introspection.moc"
