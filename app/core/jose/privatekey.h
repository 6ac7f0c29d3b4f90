// SPDX-License-Identifier: MIT
// A private key that signs JWS (RFC 7515, 7518): RSA (RS256/384/512,
// PS256/384/512) or EC on P-256, P-384, P-521 (ES256/384/512), held as an
// OpenSSL 3 EVP_PKEY. Its public half is published as a JWK whose kid is the
// RFC 7638 thumbprint, as PEM (SubjectPublicKeyInfo) and as a self-signed
// X.509 certificate. Users: the sandbox tenant's signing key, the probe's
// hostile tokens (a fresh key under the issuer's kid, an embedded jwk, jku
// and x5u key sets), and proof and client-assertion keys.
//
// Contract: the private key leaves this class only as PKCS#8 PEM (for the
// keychain); it is never logged. sign() with an algorithm the key cannot
// serve returns an empty signature. Movable, not copyable.
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QJsonObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

typedef struct evp_pkey_st EVP_PKEY;

class PublicKey;

class PrivateKey
{
public:
    enum class Type { Rsa2048, EcP256, EcP384, EcP521 };

    PrivateKey(PrivateKey &&other) noexcept;
    PrivateKey &operator=(PrivateKey &&other) noexcept;
    PrivateKey(const PrivateKey &) = delete;
    PrivateKey &operator=(const PrivateKey &) = delete;
    ~PrivateKey();

    // A new key, generated on the calling thread (RSA: 60-300 ms; EC: < 1 ms).
    // Aborts only when OpenSSL cannot generate a key at all.
    static PrivateKey generate(Type type);
    // The same, given up as soon as cancel becomes true (OpenSSL asks between
    // prime candidates, so within milliseconds): nullopt then.
    static std::optional<PrivateKey> generate(Type type, const std::atomic<bool> &cancel);
    // The same on Qt's global thread pool, for callers on an event loop.
    static QFuture<std::shared_ptr<const PrivateKey>> generateInBackground(Type type);
    // The key type that signs alg ("RS256" -> Rsa2048, "ES384" -> EcP384); Rsa2048 for anything else.
    static Type typeFor(const QString &alg);
    // An RSA key of at least 2048 bits or an EC key on a JOSE curve, as
    // PKCS#8 PEM ("BEGIN PRIVATE KEY"); nullptr for anything else.
    static std::unique_ptr<PrivateKey> fromPkcs8Pem(const QByteArray &pem);
    QByteArray toPkcs8Pem() const;

    bool isRsa() const;
    // The default JWS algorithm: RS256, or the ES* of the curve.
    QString defaultAlgorithm() const { return m_alg; }
    QString kid() const { return m_kid; }
    // kty, use "sig", alg, kid and the public parameters.
    QJsonObject publicJwk() const { return m_jwk; }
    PublicKey publicKey() const;
    // SubjectPublicKeyInfo, "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n".
    QByteArray publicKeyPem() const;
    // A self-signed X.509 certificate for the key (CN given, valid one day), PEM.
    QByteArray selfSignedCertificatePem(const QString &commonName) const;

    // The JWS signature over signingInput: PKCS#1 v1.5 or PSS for RSA, the
    // raw R||S of RFC 7518 3.4 for EC. Empty for an algorithm the key cannot serve.
    QByteArray sign(const QString &alg, const QByteArray &signingInput) const;
    // A compact JWS: header gets alg (the default unless given) and, unless it
    // has one, this key's kid.
    QByteArray signJws(QJsonObject header, const QJsonObject &payload) const;

    // HMAC (HS256/384/512) over input with any bytes as the key; empty for another alg.
    static QByteArray hmac(const QString &alg, const QByteArray &key, const QByteArray &input);
    // "base64url(header).base64url(payload)", JSON compact.
    static QByteArray signingInput(const QJsonObject &header, const QJsonObject &payload);

private:
    explicit PrivateKey(EVP_PKEY *key); // takes ownership
    void describe();

    EVP_PKEY *m_key = nullptr;
    int m_coordinateBytes = 0; // EC: the size of R and S
    QString m_alg;
    QString m_kid;
    QJsonObject m_jwk;
};
