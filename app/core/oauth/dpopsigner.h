// SPDX-License-Identifier: MIT
// A profile's DPoP proof key in use (RFC 9449): signs a fresh proof for each
// request and keeps the nonce each server last gave (DPoP-Nonce, sections 8
// and 9), per origin, since the authorization server and an API each have
// their own. Shared (shared_ptr) by the token requests and the API calls of
// one profile in one process; used on the thread that made it.
//
// The private key never leaves this object but as a signature.
#pragma once

#include "util/clock.h"

#include <QHash>
#include <QString>
#include <QUrl>
#include <memory>

class PrivateKey;

class DpopSigner
{
public:
    // alg empty: the key's default (ES256 for a P-256 key).
    DpopSigner(std::shared_ptr<const PrivateKey> key, QString alg, Clock clock);

    // A proof for one request: htm, htu, iat now, a fresh jti, the origin's
    // nonce when one is known, and ath when accessToken is given.
    QByteArray proof(const QByteArray &method, const QUrl &url, const QString &accessToken = {}) const;
    // A server's DPoP-Nonce header value (ignored when empty or not a plain token).
    void rememberNonce(const QUrl &url, const QByteArray &nonce);
    QString nonce(const QUrl &url) const;

    QString algorithm() const { return m_alg; }
    // The key's RFC 7638 thumbprint: what a bound token's cnf.jkt must be.
    QString thumbprint() const;
    const PrivateKey &key() const { return *m_key; }

    // RFC 9449 5/7.1: the first of ES256, ES384, ES512, PS256, RS256 that the
    // issuer lists in dpop_signing_alg_values_supported (ES256 when it lists none).
    static QString chooseAlgorithm(const QStringList &supported);

private:
    static QString origin(const QUrl &url);

    std::shared_ptr<const PrivateKey> m_key;
    QString m_alg;
    Clock m_clock;
    QHash<QString, QString> m_nonces;
};
