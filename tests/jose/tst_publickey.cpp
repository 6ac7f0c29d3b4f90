#include "jose/base64url.h"
#include "jose/publickey.h"
#include "sandbox/signingkey.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPublicKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifiesOwnSignature();
    void refusesWrongAlgorithms_data();
    void refusesWrongAlgorithms();
    void badJwk_data();
    void badJwk();
    void kidIsThumbprint();
};

void TestPublicKey::verifiesOwnSignature()
{
    SigningKey key;
    const auto pub = PublicKey::fromJwk(key.publicJwk());
    QVERIFY(pub);
    const QByteArray input = "header.payload";
    const QByteArray sig = key.signatureRs256(input);
    QVERIFY(pub->verify(u"RS256"_s, input, sig));
    QVERIFY(!pub->verify(u"RS256"_s, "header.payloaD", sig));
    QByteArray flipped = sig;
    flipped[10] = char(flipped[10] ^ 1);
    QVERIFY(!pub->verify(u"RS256"_s, input, flipped));
    QVERIFY(!pub->verify(u"RS256"_s, input, QByteArray()));
    QVERIFY(!pub->verify(u"RS384"_s, input, sig)); // right key, wrong digest
}

void TestPublicKey::refusesWrongAlgorithms_data()
{
    QTest::addColumn<QString>("alg");
    QTest::newRow("none") << u"none"_s;
    QTest::newRow("HS256-algorithm-confusion") << u"HS256"_s;
    QTest::newRow("ES256-with-rsa-key") << u"ES256"_s;
    QTest::newRow("EdDSA-with-rsa-key") << u"EdDSA"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("lowercase") << u"rs256"_s;
}

void TestPublicKey::refusesWrongAlgorithms()
{
    QFETCH(QString, alg);
    SigningKey key;
    const auto pub = PublicKey::fromJwk(key.publicJwk());
    QVERIFY(pub);
    QVERIFY(!pub->supportsAlgorithm(alg));
    QVERIFY(!pub->verify(alg, "a.b", key.signatureRs256("a.b")));
}

void TestPublicKey::badJwk_data()
{
    SigningKey key;
    const QJsonObject good = key.publicJwk();
    QTest::addColumn<QJsonObject>("jwk");
    QJsonObject j;
    j = good; j.remove(u"kty"_s); QTest::newRow("no-kty") << j;
    j = good; j[u"kty"_s] = u"oct"_s; QTest::newRow("symmetric") << j;
    j = good; j.remove(u"n"_s); QTest::newRow("no-n") << j;
    j = good; j[u"n"_s] = 42; QTest::newRow("n-not-string") << j;
    j = good; j[u"n"_s] = u"!!!"_s; QTest::newRow("n-not-base64url") << j;
    j = good; j[u"n"_s] = QString::fromLatin1(Base64Url::encode(QByteArray(64, '\x7f'))); QTest::newRow("512-bit-toy-key") << j;
    j = good; j[u"n"_s] = QString::fromLatin1(Base64Url::encode(QByteArray(4096, '\x7f'))); QTest::newRow("oversized-modulus") << j;
    j = good; j[u"e"_s] = QString(); QTest::newRow("empty-e") << j;
    QTest::newRow("empty-object") << QJsonObject();
}

void TestPublicKey::badJwk()
{
    QFETCH(QJsonObject, jwk);
    QString error;
    QVERIFY(!PublicKey::fromJwk(jwk, &error));
    QVERIFY(!error.isEmpty());
}

void TestPublicKey::kidIsThumbprint()
{
    SigningKey key;
    QCOMPARE(key.publicJwk().value(u"kid").toString(), key.kid());
    QCOMPARE(key.kid().size(), 43); // base64url SHA-256 (RFC 7638)
}

QTEST_GUILESS_MAIN(TestPublicKey)
#include "tst_publickey.moc"
