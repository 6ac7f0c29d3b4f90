// SPDX-License-Identifier: MIT
#include "oauth/tokenset.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestTokenResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void jsonRoundTrip();
    void dpopTokenAfterProof();
};

void TestTokenResponse::parse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("words"); // in the error, or the granted scope when ok

    QTest::newRow("full") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","expires_in":3600,"scope":"openid x"})") << true << u"openid x"_s;
    QTest::newRow("bearer-lowercase") << 200 << QByteArray(R"({"access_token":"a","token_type":"bearer"})") << true << u"openid read"_s;
    QTest::newRow("no-scope-means-requested") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer"})") << true << u"openid read"_s;
    QTest::newRow("expires-in-string") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","expires_in":"60"})") << true << u"openid read"_s;
    QTest::newRow("error-with-description") << 400 << QByteArray(R"({"error":"invalid_grant","error_description":"Invalid authorization code"})") << false << u"Invalid authorization code (invalid_grant)"_s;
    QTest::newRow("error-without-description") << 400 << QByteArray(R"({"error":"invalid_client"})") << false << u"invalid_client"_s;
    QTest::newRow("html-500") << 500 << QByteArray("<html>Internal error</html>") << false << u"HTTP 500"_s;
    QTest::newRow("200-html") << 200 << QByteArray("<html>hi</html>") << false << u"not with a JSON object"_s;
    QTest::newRow("200-array") << 200 << QByteArray("[]") << false << u"not with a JSON object"_s;
    QTest::newRow("truncated") << 200 << QByteArray(R"({"access_token":"a","tok)") << false << u"not with a JSON object"_s;
    QTest::newRow("no-access-token") << 200 << QByteArray(R"({"token_type":"Bearer"})") << false << u"no access_token"_s;
    QTest::newRow("access-token-number") << 200 << QByteArray(R"({"access_token":5,"token_type":"Bearer"})") << false << u"no access_token"_s;
    QTest::newRow("mac-token") << 200 << QByteArray(R"({"access_token":"a","token_type":"mac"})") << false << u"type \"mac\""_s;
    QTest::newRow("dpop-token") << 200 << QByteArray(R"({"access_token":"a","token_type":"DPoP"})") << false << u"sent no DPoP proof"_s;
    QTest::newRow("missing-token-type") << 200 << QByteArray(R"({"access_token":"a"})") << false << u"type \"\""_s;
    QTest::newRow("negative-expiry") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","expires_in":-5})") << false << u"expires_in"_s;
    QTest::newRow("absurd-expiry") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","expires_in":1e300})") << false << u"expires_in"_s;
    QTest::newRow("absurd-expiry-string") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","expires_in":"9223372036854775807"})") << false << u"not a sensible lifetime"_s;
    QTest::newRow("expiry-garbage") << 200 << QByteArray(R"({"access_token":"a","token_type":"Bearer","expires_in":"soon"})") << false << u"expires_in"_s;
    QTest::newRow("empty-body") << 200 << QByteArray() << false << u"not with a JSON object"_s;
}

void TestTokenResponse::parse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, words);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    QString error;
    const auto t = TokenResponse::parse(status, body, now, u"openid read"_s, &error);
    QCOMPARE(t.has_value(), ok);
    if (ok) {
        QCOMPARE(t->grantedScope, words);
        QCOMPARE(t->tokenType, u"Bearer"_s);
        QCOMPARE(t->obtainedAt, now);
    } else {
        QVERIFY2(error.contains(words), qPrintable(error));
    }
}

void TestTokenResponse::jsonRoundTrip()
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    const auto t = TokenResponse::parse(200, R"({"access_token":"a","id_token":"i","refresh_token":"r","token_type":"Bearer","expires_in":60,"scope":"openid"})",
                                        now, u"openid read"_s, nullptr);
    QVERIFY(t);
    QCOMPARE(t->expiresAt, now.addSecs(60));
    const auto back = TokenSet::fromJson(t->toJson());
    QVERIFY(back);
    QCOMPARE(back->toJson(), t->toJson());
    QVERIFY(back->isExpired(now.addSecs(60)));
    QVERIFY(!back->isExpired(now.addSecs(59)));
    QVERIFY(!TokenSet::fromJson(QJsonObject()));
}

void TestTokenResponse::dpopTokenAfterProof()
{
    // RFC 9449 5: token_type DPoP, any case, is accepted only when a proof went with the request.
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    QString error;
    const auto t = TokenResponse::parse(200, R"({"access_token":"a","token_type":"dpop","expires_in":60})", now, {}, &error, nullptr, true);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->tokenType, u"DPoP"_s);
    QVERIFY(t->isDpopBound());
    const auto back = TokenSet::fromJson(t->toJson());
    QVERIFY(back && back->isDpopBound());
    // A Bearer answer to a proof is still a usable token.
    const auto bearer = TokenResponse::parse(200, R"({"access_token":"a","token_type":"Bearer"})", now, {}, &error, nullptr, true);
    QVERIFY(bearer && !bearer->isDpopBound());
}

QTEST_GUILESS_MAIN(TestTokenResponse)
#include "tst_tokenresponse.moc"
