#include "jose/base64url.h"
#include "jose/jwt.h"

#include <QJsonValue>
#include <QTest>

using namespace Qt::StringLiterals;

class TestJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void signedParts();
    void repeatedHeader();
    void numericDate_data();
    void numericDate();
};

namespace {
QByteArray b64(const QByteArray &s) { return Base64Url::encode(s); }
const QByteArray header = b64(R"({"alg":"RS256","typ":"at+jwt","kid":"k1"})");
const QByteArray payload = b64(R"({"sub":"sandbox|alice","scope":"openid"})");
} // namespace

void TestJwt::decode_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("error");

    const int jws = int(JwtKind::Jws), jwe = int(JwtKind::Jwe), opaque = int(JwtKind::Opaque);
    QTest::newRow("jws") << header + '.' + payload + ".c2ln" << jws << int(JwtError::None);
    QTest::newRow("jws-surrounding-space") << " " + header + '.' + payload + ".c2ln\n" << jws << int(JwtError::None);
    QTest::newRow("unsigned-empty-signature") << header + '.' + payload + '.' << jws << int(JwtError::None);
    QTest::newRow("jwe") << b64(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".a.b.c.d" << jwe << int(JwtError::None);
    QTest::newRow("opaque") << QByteArray("8xLOxBtZp8") << opaque << int(JwtError::None);
    QTest::newRow("opaque-with-slash") << QByteArray("abc/def+ghi==") << opaque << int(JwtError::None);
    QTest::newRow("empty") << QByteArray() << opaque << int(JwtError::Empty);
    QTest::newRow("two-parts") << header + '.' + payload << jws << int(JwtError::WrongPartCount);
    QTest::newRow("four-parts") << QByteArray("a.b.c.d") << jws << int(JwtError::WrongPartCount);
    QTest::newRow("six-parts") << QByteArray("a.b.c.d.e.f") << jws << int(JwtError::WrongPartCount);
    QTest::newRow("header-bad-base64") << "eyJ!!." + payload + ".c2ln" << jws << int(JwtError::BadBase64Url);
    QTest::newRow("header-padded") << b64("{}") + "==." + payload + ".c2ln" << jws << int(JwtError::BadBase64Url);
    QTest::newRow("payload-bad-json") << header + '.' + b64("{\"sub\":") + ".c2ln" << jws << int(JwtError::BadJson);
    QTest::newRow("payload-array") << header + '.' + b64("[1,2]") + ".c2ln" << jws << int(JwtError::NotAnObject);
    QTest::newRow("payload-string") << header + '.' + b64("\"x\"") + ".c2ln" << jws << int(JwtError::BadJson);
    QTest::newRow("payload-latin1") << header + '.' + b64("{\"n\":\"\xe9\"}") + ".c2ln" << jws << int(JwtError::BadJson);
    QTest::newRow("signature-bad-base64") << header + '.' + payload + ".c2l" << jws << int(JwtError::BadBase64Url);
    QTest::newRow("garbage-bytes") << QByteArray("\x01\x02\xff\xfe") << opaque << int(JwtError::BadBase64Url);
    QTest::newRow("huge") << QByteArray(Jwt::MaxTokenBytes + 1, 'a') << opaque << int(JwtError::TooLarge);
    QTest::newRow("only-dots") << QByteArray("..") << jws << int(JwtError::BadJson);
}

void TestJwt::decode()
{
    QFETCH(QByteArray, token);
    QFETCH(int, kind);
    QFETCH(int, error);
    const DecodedJwt d = Jwt::decode(token);
    QCOMPARE(int(d.error), error);
    QCOMPARE(int(d.kind), kind);
    if (error != int(JwtError::None))
        QVERIFY2(!d.errorText.isEmpty(), "every malformation has a sentence");
}

void TestJwt::signedParts()
{
    const DecodedJwt d = Jwt::decode(header + '.' + payload + ".c2ln");
    QVERIFY(d.ok());
    QCOMPARE(d.header.value(QLatin1String("kid")).toString(), QStringLiteral("k1"));
    QCOMPARE(d.payload.value(QLatin1String("sub")).toString(), QStringLiteral("sandbox|alice"));
    QCOMPARE(d.signingInput, header + '.' + payload);
    QCOMPARE(d.signature, QByteArray("sig"));
}

// Tokens that share a header byte for byte reuse the decoded header; each
// still gets its own payload, and a header that differs is decoded afresh.
void TestJwt::repeatedHeader()
{
    const auto part = [](const char *json) { return Base64Url::encode(QByteArray(json)); };
    const QByteArray header = part(R"({"alg":"RS256","kid":"k1"})");
    const DecodedJwt a = Jwt::decode(header + '.' + part(R"({"sub":"a"})") + ".c2ln");
    const DecodedJwt b = Jwt::decode(header + '.' + part(R"({"sub":"b"})") + ".c2ln");
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(b.header.value(u"kid").toString(), u"k1"_s);
    QCOMPARE(a.payload.value(u"sub").toString(), u"a"_s);
    QCOMPARE(b.payload.value(u"sub").toString(), u"b"_s);
    QCOMPARE(b.signingInput, header + '.' + part(R"({"sub":"b"})"));
    const DecodedJwt c = Jwt::decode(part(R"({"alg":"RS256","kid":"k2"})") + '.' + part(R"({"sub":"c"})") + ".c2ln");
    QCOMPARE(c.header.value(u"kid").toString(), u"k2"_s);
    const DecodedJwt bad = Jwt::decode(part(R"({"alg":)") + '.' + part(R"({"sub":"d"})") + ".c2ln");
    QCOMPARE(bad.error, JwtError::BadJson);
    const DecodedJwt again = Jwt::decode(header + '.' + part(R"({"sub":"e"})") + ".c2ln");
    QVERIFY(again.ok());
    QCOMPARE(again.header.value(u"kid").toString(), u"k1"_s);
}

void TestJwt::numericDate_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("integer") << QJsonValue(1790000000) << true << qint64(1790000000);
    QTest::newRow("fraction-dropped") << QJsonValue(1790000000.9) << true << qint64(1790000000);
    QTest::newRow("epoch") << QJsonValue(0) << true << qint64(0);
    QTest::newRow("before-1970") << QJsonValue(-86400) << true << qint64(-86400);
    QTest::newRow("last-second-of-9999") << QJsonValue(253402300799.0) << true << qint64(253402300799);
    QTest::newRow("year-10000") << QJsonValue(253402300800.0) << false << qint64(0);
    QTest::newRow("before-year-1") << QJsonValue(-62135596801.0) << false << qint64(0);
    QTest::newRow("1e308") << QJsonValue(1e308) << false << qint64(0);
    QTest::newRow("-1e308") << QJsonValue(-1e308) << false << qint64(0);
    QTest::newRow("past-qint64") << QJsonValue(9.3e18) << false << qint64(0);
    QTest::newRow("string") << QJsonValue(QStringLiteral("1790000000")) << false << qint64(0);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << false << qint64(0);
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << false << qint64(0);
    QTest::newRow("bool") << QJsonValue(true) << false << qint64(0);
}

void TestJwt::numericDate()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, valid);
    QFETCH(qint64, seconds);
    const std::optional<qint64> got = Jwt::numericDate(value);
    QCOMPARE(got.has_value(), valid);
    if (valid)
        QCOMPARE(*got, seconds);
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
