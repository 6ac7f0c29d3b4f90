// SPDX-License-Identifier: MIT
// Client authentication with a signed JWT (RFC 7523 2.2 and 3, OpenID
// Connect Core 9 "private_key_jwt"): the client signs a short-lived
// assertion with its own private key, whose public half the issuer knows.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class PrivateKey;

namespace ClientAssertion {

constexpr auto AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
constexpr int LifetimeSeconds = 60;

// iss = sub = clientId, aud, iat = now, exp = now + LifetimeSeconds, a fresh
// jti; header alg (the key's default when empty), typ JWT and the key's kid.
QByteArray make(const PrivateKey &key, const QString &clientId, const QString &audience, qint64 now,
                const QString &alg = {});
// The algorithm to sign with: the key's default when the issuer lists
// nothing (token_endpoint_auth_signing_alg_values_supported) or lists it,
// otherwise the first listed one the key can make; empty when none.
QString chooseAlgorithm(const PrivateKey &key, const QStringList &supported);

} // namespace ClientAssertion
