// SPDX-License-Identifier: MIT
#include "api/wwwauthenticate.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestWwwAuthenticate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
};

void TestWwwAuthenticate::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("schemes");
    QTest::addColumn<QString>("error");            // Bearer's error parameter
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<bool>("malformed");

    // What express-oauth2-jwt-bearer sends (with and without its DPoP challenge).
    QTest::newRow("ejb-no-token") << QByteArray(R"(Bearer realm="api")") << QStringList{u"Bearer"_s} << QString() << QString() << QString() << false;
    QTest::newRow("ejb-no-token-dpop") << QByteArray(R"(Bearer realm="api", DPoP algs="ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512 EdDSA")")
                                      << QStringList{u"Bearer"_s, u"DPoP"_s} << QString() << QString() << QString() << false;
    QTest::newRow("ejb-invalid-token") << QByteArray(R"(Bearer realm="api", error="invalid_token", error_description="signature verification failed")")
                                      << QStringList{u"Bearer"_s} << u"invalid_token"_s << u"signature verification failed"_s << QString() << false;
    QTest::newRow("ejb-expired-dpop") << QByteArray(R"(Bearer realm="api", error="invalid_token", error_description="'exp' claim timestamp check failed", DPoP algs="ES256 RS256")")
                                     << QStringList{u"Bearer"_s, u"DPoP"_s} << u"invalid_token"_s << u"'exp' claim timestamp check failed"_s << QString() << false;
    QTest::newRow("ejb-insufficient-scope") << QByteArray(R"(Bearer realm="api", error="insufficient_scope", error_description="Insufficient Scope", scope="read:messages")")
                                           << QStringList{u"Bearer"_s} << u"insufficient_scope"_s << u"Insufficient Scope"_s << u"read:messages"_s << false;
    QTest::newRow("rfc6750-example") << QByteArray("Bearer realm=\"example\",\r\n error=\"invalid_token\",\r\n error_description=\"The access token expired\"").replace("\r\n", "")
                                    << QStringList{u"Bearer"_s} << u"invalid_token"_s << u"The access token expired"_s << QString() << false;
    QTest::newRow("token-values") << QByteArray("Bearer error=invalid_token, scope=read") << QStringList{u"Bearer"_s} << u"invalid_token"_s << QString() << u"read"_s << false;
    QTest::newRow("escaped-quotes") << QByteArray(R"(Bearer error="invalid_token", error_description="the \"kid\" is unknown \\ really")")
                                   << QStringList{u"Bearer"_s} << u"invalid_token"_s << u"the \"kid\" is unknown \\ really"_s << QString() << false;
    QTest::newRow("comma-in-quotes") << QByteArray(R"(Bearer error_description="a, b", error="x")") << QStringList{u"Bearer"_s} << u"x"_s << u"a, b"_s << QString() << false;
    QTest::newRow("basic-then-bearer") << QByteArray(R"(Basic realm="x", charset="UTF-8", Bearer realm="api", error="invalid_request")")
                                      << QStringList{u"Basic"_s, u"Bearer"_s} << u"invalid_request"_s << QString() << QString() << false;
    QTest::newRow("token68") << QByteArray("Negotiate YIIFzQYJKoZIhvcSAQICAQBuggW8==, Bearer") << QStringList{u"Negotiate"_s, u"Bearer"_s} << QString() << QString() << QString() << false;
    QTest::newRow("lowercase-scheme-and-names") << QByteArray(R"(bearer ERROR="invalid_token")") << QStringList{u"bearer"_s} << u"invalid_token"_s << QString() << QString() << false;
    QTest::newRow("bare-scheme") << QByteArray("Bearer") << QStringList{u"Bearer"_s} << QString() << QString() << QString() << false;
    QTest::newRow("extra-spaces-commas") << QByteArray(R"( ,Bearer   realm = "api" ,, error="x" ,)") << QStringList{u"Bearer"_s} << u"x"_s << QString() << QString() << false;
    QTest::newRow("empty") << QByteArray() << QStringList() << QString() << QString() << QString() << false;
    QTest::newRow("unclosed-quote") << QByteArray(R"(Bearer error="invalid_token)") << QStringList{u"Bearer"_s} << QString() << QString() << QString() << true;
    QTest::newRow("token68-looks-like-param") << QByteArray("Bearer error=") << QStringList{u"Bearer"_s} << QString() << QString() << QString() << false;
    QTest::newRow("missing-value") << QByteArray(R"(Bearer realm="api", error=)") << QStringList{u"Bearer"_s} << QString() << QString() << QString() << true;
    QTest::newRow("missing-comma") << QByteArray(R"(Bearer error="a" scope="b")") << QStringList{u"Bearer"_s} << u"a"_s << QString() << QString() << true;
    QTest::newRow("garbage") << QByteArray("\x01\x02 {}[]") << QStringList() << QString() << QString() << QString() << true;
    QTest::newRow("quote-where-scheme") << QByteArray(R"("Bearer")") << QStringList() << QString() << QString() << QString() << true;
    QTest::newRow("huge") << QByteArray("Bearer error=\"" + QByteArray(20000, 'x') + '"') << QStringList() << QString() << QString() << QString() << true;
}

void TestWwwAuthenticate::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, schemes);
    QFETCH(QString, error);
    QFETCH(QString, description);
    QFETCH(QString, scope);
    QFETCH(bool, malformed);
    const WwwAuthenticate w = WwwAuthenticate::parse(header);
    QStringList got;
    for (const AuthChallenge &c : w.challenges)
        got << c.scheme;
    QCOMPARE(got, schemes);
    QCOMPARE(!w.error.isEmpty(), malformed);
    const AuthChallenge *bearer = w.find(u"Bearer"_s);
    QCOMPARE(bearer ? bearer->param(u"error"_s) : QString(), error);
    QCOMPARE(bearer ? bearer->param(u"error_description"_s) : QString(), description);
    QCOMPARE(bearer ? bearer->param(u"scope"_s) : QString(), scope);
    if (const AuthChallenge *dpop = w.find(u"DPoP"_s))
        QVERIFY(dpop->param(u"algs"_s).contains(u"ES256"_s));
}

QTEST_GUILESS_MAIN(TestWwwAuthenticate)
#include "tst_wwwauthenticate.moc"
