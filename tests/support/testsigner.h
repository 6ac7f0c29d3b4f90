// SPDX-License-Identifier: MIT
// Keys and signatures made by the test itself with OpenSSL, for every JWS
// algorithm TokenLab verifies: RS*, PS*, ES* and EdDSA. Each key gives its
// public JWK and PEM, and signs compact JWTs with any header and payload.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

typedef struct evp_pkey_st EVP_PKEY;

class TestSigner
{
public:
    // alg decides the key: RS*/PS* RSA-2048, ES256 P-256, ES384 P-384, ES512 P-521, EdDSA Ed25519.
    explicit TestSigner(const QString &alg, const QString &kid = QStringLiteral("test-key"));
    ~TestSigner();
    TestSigner(const TestSigner &) = delete;
    TestSigner &operator=(const TestSigner &) = delete;

    QString alg() const { return m_alg; }
    QString kid() const { return m_kid; }
    QJsonObject publicJwk() const;
    QByteArray publicPem() const;
    QByteArray signature(const QByteArray &input) const;
    // header gets alg and kid unless it sets them itself.
    QByteArray sign(const QJsonObject &payload, QJsonObject header = {}) const;
    static QByteArray jwks(const QList<const TestSigner *> &keys);
    // An unsigned token with any header: for hostile rows.
    static QByteArray compact(const QJsonObject &header, const QJsonObject &payload, const QByteArray &signature);

private:
    QString m_alg;
    QString m_kid;
    EVP_PKEY *m_key = nullptr;
};
