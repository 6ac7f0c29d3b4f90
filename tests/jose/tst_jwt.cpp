// SPDX-License-Identifier: MIT
#include "jose/base64url.h"
#include "jose/jwt.h"
#include "jose/keyset.h"
#include "jose/privatekey.h"
#include "jose/publickey.h"
#include "jose/tokenchecks.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QTest>

class TestJwt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data();
    void decode();
    void signedParts();
    void problems_data();
    void problems();
    void alteredSignatureIsNeverVerified();
    void repeatedHeader();
    void numericDate_data();
    void numericDate();
};

using namespace Qt::StringLiterals;

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
    // An altered signature part no longer makes the token unreadable (issue 18): see problems().
    QTest::newRow("signature-non-canonical") << header + '.' + payload + ".c2l" << jws << int(JwtError::None);
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

void TestJwt::problems_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("error");
    QTest::addColumn<bool>("signatureAltered");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("says");

    const int none = int(JwtError::None), bad = int(JwtError::BadBase64Url);
    const QByteArray hp = header + '.' + payload + '.';
    const int sigStart = int(hp.size()) + 1; // 1-based position of the signature's first character
    // "c2lnbg" is "sign"; "c2lnbh" has the same bytes but stray bits in its last character.
    QTest::newRow("sig-last-char-altered") << hp + "c2lnbh" << none << true << sigStart + 5 << u"last character 'h'"_s;
    QTest::newRow("sig-short-non-canonical") << hp + "c2l" << none << true << sigStart + 2 << u"carries bits no encoder sets"_s;
    QTest::newRow("sig-bad-character") << hp + "c2!n" << none << true << sigStart + 2 << u"'!' at position"_s;
    QTest::newRow("sig-standard-alphabet") << hp + "c2l+" << none << true << sigStart + 3 << u"'+' at position"_s;
    QTest::newRow("sig-padding") << hp + "c2k=" << none << true << sigStart + 3 << u"'=' padding"_s;
    QTest::newRow("sig-impossible-length") << hp + "c2lnc" << none << true << sigStart + 4 << u"no encoding is 5 characters long"_s;
    QTest::newRow("sig-space") << hp + "c2 n" << none << true << sigStart + 2 << u"a space at position"_s;
    QTest::newRow("sig-non-ascii") << hp + "c2\xc3\xa9n" << none << true << sigStart + 2 << u"'\u00e9' (U+00E9)"_s;
    QTest::newRow("sig-invalid-utf8") << hp + "c2\xffn" << none << true << sigStart + 2 << u"the byte 0xFF"_s;
    QTest::newRow("sig-canonical") << hp + "c2ln" << none << false << 0 << QString();
    QTest::newRow("sig-empty") << hp << none << false << 0 << QString();

    QTest::newRow("header-bad-character") << "eyJ!" + hp.mid(header.size()) + "c2ln" << bad << false << 4 << u"header"_s;
    QTest::newRow("header-padded") << b64("{}") + "==." + payload + ".c2ln" << bad << false << 4 << u"'=' padding at position 4"_s;
    QTest::newRow("payload-bad-character") << header + '.' + payload.left(5) + '*' + payload.mid(6) + ".c2ln" << bad << false
                                           << int(header.size()) + 7 << u"The payload is not valid base64url: '*' at position"_s;
    QTest::newRow("payload-ellipsis") << header + '.' + payload.left(10) + "\xe2\x80\xa6.c2ln" << bad << false << int(header.size()) + 12
                                      << u"'\u2026' (U+2026)"_s;
    QTest::newRow("payload-impossible-length") << header + '.' + payload + "AAA.c2ln" << bad << false
                                               << int(header.size() + payload.size()) + 4 << u"lost or added"_s;
    QTest::newRow("payload-last-char-altered") << header + '.' + b64("{}").chopped(1) + "1.c2ln" << bad << false
                                               << int(header.size()) + 4 << u"last character '1'"_s;
    QTest::newRow("opaque-control") << QByteArray("abc\x01" "def") << bad << false << 4 << u"U+0001"_s;
    QTest::newRow("opaque-space") << QByteArray("Basic dXNl") << bad << false << 6 << u"a space at position 6"_s;
}

void TestJwt::problems()
{
    QFETCH(QByteArray, token);
    QFETCH(int, error);
    QFETCH(bool, signatureAltered);
    QFETCH(int, position);
    QFETCH(QString, says);
    const DecodedJwt d = Jwt::decode(token);
    QCOMPARE(int(d.error), error);
    QCOMPARE(!d.signatureProblem.isEmpty(), signatureAltered);
    QCOMPARE(d.problemPosition, position);
    const QString sentence = signatureAltered ? d.signatureProblem : d.errorText;
    QVERIFY2(sentence.contains(says), qPrintable(sentence));
    if (signatureAltered) {
        QVERIFY(sentence.startsWith(u"The signature part was altered"));
        QVERIFY2(d.signature.isEmpty(), "an altered signature is never handed to a key");
        QCOMPARE(d.payload.value(QLatin1String("sub")).toString(), QStringLiteral("sandbox|alice"));
        QCOMPARE(d.header.value(QLatin1String("kid")).toString(), QStringLiteral("k1"));
    }
    if (position > 0)
        QVERIFY2(sentence.contains(QRegularExpression(u"position %1\\b"_s.arg(position))), qPrintable(sentence));
}

void TestJwt::alteredSignatureIsNeverVerified()
{
    // ES256: 64 bytes, 86 characters, the last one carrying 4 bits past the end.
    // A lenient decoder reads the altered part as the very same signature;
    // TokenLab refuses it as altered instead of verifying it.
    const PrivateKey key = PrivateKey::generate(PrivateKey::Type::EcP256);
    const QByteArray token = key.signJws({{u"alg"_s, u"ES256"_s}}, {{u"sub"_s, u"alice"_s}});
    const KeySet keys = KeySet::fromKey(std::make_shared<const PublicKey>(key.publicKey()), u"the test key"_s);
    QVERIFY(TokenChecks::signature(Jwt::decode(token), keys, {}, u"the test key"_s).verified);

    QByteArray altered = token;
    const char last = altered.back();
    // The canonical last characters are A, Q, g and w (index a multiple of 16); the next one keeps the data bits.
    QVERIFY(QByteArrayView("AQgw").contains(last));
    altered.back() = char(last + 1);
    const QByteArray lenient = QByteArray::fromBase64(altered.mid(altered.lastIndexOf('.') + 1), QByteArray::Base64UrlEncoding);
    QCOMPARE(lenient, Jwt::decode(token).signature);

    const DecodedJwt d = Jwt::decode(altered);
    QVERIFY(d.ok());
    QCOMPARE(d.payload.value(u"sub"_s).toString(), u"alice"_s);
    QVERIFY(!d.signatureProblem.isEmpty());
    QCOMPARE(d.problemPosition, int(altered.size()));
    const SignatureCheck sig = TokenChecks::signature(d, keys, {}, u"the test key"_s);
    QVERIFY(!sig.verified);
    QCOMPARE(sig.check.result, ClaimCheck::Result::Failed);
    QCOMPARE(sig.check.detail, d.signatureProblem);
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
    // A reused header brings no error or position of its own: the altered
    // signature or bad payload of the token at hand is what is reported.
    const DecodedJwt sigAltered = Jwt::decode(header + '.' + part(R"({"sub":"f"})") + ".c2lnbh");
    QVERIFY(sigAltered.ok());
    QCOMPARE(sigAltered.header.value(u"kid").toString(), u"k1"_s);
    QVERIFY(sigAltered.signatureProblem.startsWith(u"The signature part was altered"));
    QCOMPARE(sigAltered.problemPosition, int(header.size() + part(R"({"sub":"f"})").size()) + 2 + 6);
    const DecodedJwt next = Jwt::decode(header + '.' + part(R"({"sub":"g"})") + ".c2ln");
    QVERIFY(next.ok());
    QVERIFY(next.signatureProblem.isEmpty());
    QCOMPARE(next.problemPosition, 0);
    QCOMPARE(next.signature, QByteArray("sig"));
    const DecodedJwt badPayload = Jwt::decode(header + ".e*J9.c2ln");
    QCOMPARE(badPayload.error, JwtError::BadBase64Url);
    QCOMPARE(badPayload.problemPosition, int(header.size()) + 3);
    QVERIFY(badPayload.header.value(u"kid").toString() == u"k1"_s);
    // A header that failed is never kept: decoding it again fails the same way.
    const QByteArray badHeader = "eyJ!" + header.mid(4);
    const DecodedJwt h1 = Jwt::decode(badHeader + '.' + part(R"({"sub":"h"})") + ".c2ln");
    const DecodedJwt h2 = Jwt::decode(badHeader + '.' + part(R"({"sub":"h"})") + ".c2ln");
    QCOMPARE(h1.error, JwtError::BadBase64Url);
    QCOMPARE(h2.error, h1.error);
    QCOMPARE(h2.errorText, h1.errorText);
    QCOMPARE(h2.problemPosition, 4);
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
