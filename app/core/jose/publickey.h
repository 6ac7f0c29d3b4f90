// SPDX-License-Identifier: MIT
// A public key for JWS verification, read from a JWK (RFC 7517/7518), held
// as an OpenSSL 3 EVP_PKEY. Owns its key; movable, not copyable.
//
// verify() takes the JWS "alg" and refuses any algorithm the key cannot
// serve (RFC 8725 3.1, algorithm confusion): an RSA key verifies RS256/384/512
// and PS256/384/512; an EC key the ES* of its own curve (P-256 ES256, P-384
// ES384, P-521 ES512); an Ed25519 or Ed448 key EdDSA. Never "none", never HS*.
//
// Speed and threads: a key verifies many tokens, so it keeps, per algorithm,
// an OpenSSL verification context set up on first use and reused (setting one
// up costs more than hashing the token). verify() is const and may be called
// from several threads on one key at once (a KeySet's keys are shared
// through shared_ptr, and a KeySet is a value that may be copied to a worker
// thread): the prepared contexts are used under a lock, and a thread that
// finds them busy verifies with a context of its own rather than waiting.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

typedef struct evp_pkey_st EVP_PKEY;

class PublicKey
{
public:
    PublicKey();
    PublicKey(PublicKey &&other) noexcept;
    PublicKey &operator=(PublicKey &&other) noexcept;
    PublicKey(const PublicKey &) = delete;
    PublicKey &operator=(const PublicKey &) = delete;
    ~PublicKey();

    static std::optional<PublicKey> fromJwk(const QJsonObject &jwk, QString *error = nullptr);
    // A PEM "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY", or an X.509 certificate.
    static std::optional<PublicKey> fromPem(const QByteArray &pem, QString *error = nullptr);
    // Takes ownership of key.
    static PublicKey adopt(EVP_PKEY *key);
    // RFC 7638: base64url(SHA-256) of the JWK's required members (RSA e, kty,
    // n; EC crv, kty, x, y; OKP crv, kty, x) in that order; empty for a JWK
    // that lacks one. The kid of TokenLab's keys and DPoP's jkt (RFC 9449 6.1).
    static QString thumbprint(const QJsonObject &jwk);

    bool isNull() const { return m_key == nullptr; }
    QString keyType() const;  // "RSA", "EC P-256", "Ed25519", ... or empty
    QStringList algorithms() const; // the JWS algorithms this key can verify
    bool supportsAlgorithm(const QString &alg) const;
    bool verify(const QString &alg, const QByteArray &signingInput, const QByteArray &signature) const;
    // SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), as libraries
    // print it; empty for a null key.
    QByteArray toPem() const;

private:
    struct Prepared; // the reused contexts and their lock; see publickey.cpp
    QString readKeyType() const;
    EVP_PKEY *m_key = nullptr;
    QString m_type; // worked out once: asking OpenSSL on every verify is measurable
    std::unique_ptr<Prepared> m_prepared; // set by adopt(): a null key has none
};
