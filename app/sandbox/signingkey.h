// The sandbox tenant's RSA signing key: generated in memory at start, never
// written anywhere, published as a JWK whose kid is its RFC 7638 thumbprint
// (so the kid is stable for as long as the key lives).
#pragma once

#include "jose/publickey.h"

#include <QByteArray>
#include <QJsonObject>

typedef struct evp_pkey_st EVP_PKEY;

class SigningKey
{
public:
    // RSA-2048; aborts only if OpenSSL cannot generate a key at all.
    SigningKey();
    ~SigningKey();
    SigningKey(const SigningKey &) = delete;
    SigningKey &operator=(const SigningKey &) = delete;

    QString kid() const { return m_kid; }
    QJsonObject publicJwk() const { return m_jwk; }
    PublicKey publicKey() const;

    // Compact JWS with alg RS256 and this key's kid added to header.
    QByteArray signRs256(QJsonObject header, const QJsonObject &payload) const;
    // RSASSA-PKCS1-v1_5 SHA-256 over arbitrary input.
    QByteArray signatureRs256(const QByteArray &signingInput) const;

private:
    EVP_PKEY *m_key = nullptr;
    QJsonObject m_jwk;
    QString m_kid;
};
