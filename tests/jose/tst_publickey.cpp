// SPDX-License-Identifier: MIT
#include "jose/base64url.h"
#include "jose/privatekey.h"
#include "jose/publickey.h"
#include "sandbox/signingkey.h"

#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

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
    void everyAlgorithmAgainAndAgain_data();
    void everyAlgorithmAgainAndAgain();
    void severalThreadsOneKey();
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

void TestPublicKey::everyAlgorithmAgainAndAgain_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("alg");
    const int rsa = int(PrivateKey::Type::Rsa2048);
    for (const char *alg : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
        QTest::newRow(alg) << rsa << QString::fromLatin1(alg);
    QTest::newRow("ES256") << int(PrivateKey::Type::EcP256) << u"ES256"_s;
    QTest::newRow("ES384") << int(PrivateKey::Type::EcP384) << u"ES384"_s;
    QTest::newRow("ES512") << int(PrivateKey::Type::EcP521) << u"ES512"_s;
}

// A key keeps its verification contexts between calls: a failed check must
// leave them fit for the next one, for every algorithm.
void TestPublicKey::everyAlgorithmAgainAndAgain()
{
    QFETCH(int, type);
    QFETCH(QString, alg);
    const PrivateKey signer = PrivateKey::generate(PrivateKey::Type(type));
    PublicKey key = signer.publicKey();
    const QByteArray input = "header.payload";
    const QByteArray sig = signer.sign(alg, input);
    QVERIFY(!sig.isEmpty());
    QByteArray flipped = sig;
    flipped[5] = char(flipped[5] ^ 1);
    for (int round = 0; round < 3; ++round) {
        QVERIFY(key.verify(alg, input, sig));
        QVERIFY(!key.verify(alg, "header.payloaD", sig));
        QVERIFY(!key.verify(alg, input, flipped));
        QVERIFY(!key.verify(alg, input, sig.left(sig.size() - 1)));
    }
    const QString otherDigest = alg.left(2) + (alg.endsWith(u"256") ? u"384"_s : u"256"_s);
    QVERIFY(!key.verify(otherDigest, input, sig));
    QVERIFY(key.verify(alg, input, sig));
    const PublicKey moved = std::move(key);
    QVERIFY(moved.verify(alg, input, sig));
}

// KeySet shares its keys between threads: verify() on one key from several
// threads at once gives every thread the right answer (some use the prepared
// contexts, the others contexts of their own).
void TestPublicKey::severalThreadsOneKey()
{
    const PrivateKey signer = PrivateKey::generate(PrivateKey::Type::EcP256);
    const PublicKey key = signer.publicKey();
    const QByteArray input = "header.payload";
    const QByteArray sig = signer.sign(u"ES256"_s, input);
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const bool good = (i + t) % 3 != 0;
                if (key.verify(u"ES256"_s, good ? input : QByteArray("tampered"), sig) != good)
                    ++wrong;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(wrong.load(), 0);
}

QTEST_GUILESS_MAIN(TestPublicKey)
#include "tst_publickey.moc"
