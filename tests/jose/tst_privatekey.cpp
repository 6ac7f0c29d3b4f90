// SPDX-License-Identifier: MIT
// PrivateKey: every algorithm it signs verifies under its own public key
// (JWK, PEM and self-signed certificate alike), the kid is the RFC 7638
// thumbprint, PKCS#8 PEM round-trips, and what it must refuse it refuses.
#include "jose/base64url.h"
#include "jose/jwt.h"
#include "jose/privatekey.h"
#include "jose/publickey.h"

#include <QtTest>

using namespace Qt::StringLiterals;

class TestPrivateKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Quitting gives a key generation up; a generation not given up makes a usable key.
    void generationCanBeGivenUp()
    {
        std::atomic<bool> cancel{true};
        QVERIFY(!PrivateKey::generate(PrivateKey::Type::Rsa2048, cancel));
        QVERIFY(!PrivateKey::generate(PrivateKey::Type::EcP256, cancel));
        cancel = false;
        const std::optional<PrivateKey> key = PrivateKey::generate(PrivateKey::Type::Rsa2048, cancel);
        QVERIFY(key && key->isRsa());
        QCOMPARE(key->sign(u"RS256"_s, "x").size(), 256);
        QCOMPARE(key->publicJwk().value(u"kty"_s).toString(), u"RSA"_s);
    }
    void signsAndVerifies_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("alg");
        QTest::addColumn<int>("signatureBytes"); // 0: any
        QTest::newRow("RS256") << int(PrivateKey::Type::Rsa2048) << u"RS256"_s << 256;
        QTest::newRow("RS512") << int(PrivateKey::Type::Rsa2048) << u"RS512"_s << 256;
        QTest::newRow("PS256") << int(PrivateKey::Type::Rsa2048) << u"PS256"_s << 256;
        QTest::newRow("ES256") << int(PrivateKey::Type::EcP256) << u"ES256"_s << 64;
        QTest::newRow("ES384") << int(PrivateKey::Type::EcP384) << u"ES384"_s << 96;
        QTest::newRow("ES512") << int(PrivateKey::Type::EcP521) << u"ES512"_s << 132;
    }
    void signsAndVerifies()
    {
        QFETCH(int, type);
        QFETCH(QString, alg);
        QFETCH(int, signatureBytes);
        const PrivateKey key = PrivateKey::generate(PrivateKey::Type(type));
        const QByteArray input = "header.payload";
        const QByteArray sig = key.sign(alg, input);
        QCOMPARE(sig.size(), signatureBytes);
        QVERIFY(key.publicKey().verify(alg, input, sig));
        QVERIFY(!key.publicKey().verify(alg, input + "x", sig));
        const auto fromPem = PublicKey::fromPem(key.publicKeyPem());
        QVERIFY(fromPem && fromPem->verify(alg, input, sig));
        const auto fromCert = PublicKey::fromPem(key.selfSignedCertificatePem(u"TokenLab probe"_s));
        QVERIFY(fromCert && fromCert->verify(alg, input, sig));
        // The key's own default algorithm and a compact JWS with its kid.
        const QByteArray jws = key.signJws({{u"typ"_s, u"JWT"_s}}, {{u"sub"_s, u"alice"_s}});
        const DecodedJwt decoded = Jwt::decode(jws);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.header.value(u"kid").toString(), key.kid());
        QVERIFY(key.publicKey().verify(decoded.header.value(u"alg").toString(), decoded.signingInput, decoded.signature));
    }

    void refusesAlgorithmsItCannotServe_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("alg");
        QTest::newRow("RSA ES256") << int(PrivateKey::Type::Rsa2048) << u"ES256"_s;
        QTest::newRow("RSA HS256") << int(PrivateKey::Type::Rsa2048) << u"HS256"_s;
        QTest::newRow("RSA none") << int(PrivateKey::Type::Rsa2048) << u"none"_s;
        QTest::newRow("P-256 ES384") << int(PrivateKey::Type::EcP256) << u"ES384"_s;
        QTest::newRow("P-256 RS256") << int(PrivateKey::Type::EcP256) << u"RS256"_s;
        QTest::newRow("P-256 empty") << int(PrivateKey::Type::EcP256) << QString();
    }
    void refusesAlgorithmsItCannotServe()
    {
        QFETCH(int, type);
        QFETCH(QString, alg);
        QVERIFY(PrivateKey::generate(PrivateKey::Type(type)).sign(alg, "x").isEmpty());
    }

    void kidIsTheThumbprint()
    {
        // RFC 7638 3.1's example key and thumbprint.
        const PrivateKey ec = PrivateKey::generate(PrivateKey::Type::EcP256);
        const QJsonObject jwk = ec.publicJwk();
        const QByteArray input = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.value(u"x").toString().toLatin1() + "\",\"y\":\""
                + jwk.value(u"y").toString().toLatin1() + "\"}";
        QCOMPARE(ec.kid(), QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(input, QCryptographicHash::Sha256))));
        QCOMPARE(jwk.value(u"x").toString().size(), 43); // 32 bytes, leading zeros kept
        QCOMPARE(jwk.value(u"alg").toString(), u"ES256"_s);
    }

    void pemRoundTrips()
    {
        for (auto type : {PrivateKey::Type::Rsa2048, PrivateKey::Type::EcP384}) {
            const PrivateKey key = PrivateKey::generate(type);
            const auto again = PrivateKey::fromPkcs8Pem(key.toPkcs8Pem());
            QVERIFY(again);
            QCOMPARE(again->kid(), key.kid());
        }
        QVERIFY(!PrivateKey::fromPkcs8Pem(QByteArray()));
        QVERIFY(!PrivateKey::fromPkcs8Pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        QVERIFY(!PrivateKey::fromPkcs8Pem(QByteArray(20000, 'A')));
    }

    void hmac()
    {
        // RFC 4231 test case 2.
        QCOMPARE(PrivateKey::hmac(u"HS256"_s, "Jefe", "what do ya want for nothing?").toHex(),
                 QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        QCOMPARE(PrivateKey::hmac(u"HS384"_s, {}, "x").size(), 48);
        QVERIFY(PrivateKey::hmac(u"RS256"_s, "k", "x").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPrivateKey)
#include "tst_privatekey.moc"
