// SPDX-License-Identifier: MIT
// The sandbox tenant's RSA signing key, published as a JWK whose kid is its
// RFC 7638 thumbprint (so the kid is the same for as long as the key lives,
// across runs when the key is kept in the keychain). The private key leaves
// this class only as PKCS#8 PEM for the keychain (TenantKey); it is never
// logged or written to a file.
#pragma once

#include "jose/privatekey.h"
#include "jose/publickey.h"

#include <QByteArray>
#include <QFuture>
#include <QJsonObject>
#include <atomic>
#include <memory>

class SigningKey
{
public:
    // RSA-2048, generated on the calling thread (60-300 ms); aborts only if
    // OpenSSL cannot generate a key at all.
    SigningKey();
    ~SigningKey();
    // The same, on a thread-pool thread, so a window or a server can go on.
    // Setting *cancel gives the generation up within milliseconds (the result
    // is then nullptr), so that quitting never waits for a key nobody needs.
    static QFuture<std::shared_ptr<const SigningKey>> generateInBackground(
            std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false));
    // An RSA private key of at least 2048 bits in PKCS#8 PEM ("BEGIN PRIVATE
    // KEY"); nullptr for anything else.
    static std::unique_ptr<SigningKey> fromPkcs8Pem(const QByteArray &pem);
    // The private key as PKCS#8 PEM: a secret, for the keychain only.
    QByteArray toPkcs8Pem() const;
    SigningKey(const SigningKey &) = delete;
    SigningKey &operator=(const SigningKey &) = delete;

    QString kid() const { return m_key.kid(); }
    QJsonObject publicJwk() const { return m_key.publicJwk(); }
    PublicKey publicKey() const { return m_key.publicKey(); }
    // The key itself, to sign what the tenant never issues (the probe's minted tokens).
    const PrivateKey &privateKey() const { return m_key; }

    // Compact JWS with alg RS256 and this key's kid added to header.
    QByteArray signRs256(QJsonObject header, const QJsonObject &payload) const;
    // RSASSA-PKCS1-v1_5 SHA-256 over arbitrary input.
    QByteArray signatureRs256(const QByteArray &signingInput) const;

private:
    explicit SigningKey(PrivateKey key);

    PrivateKey m_key;
};
