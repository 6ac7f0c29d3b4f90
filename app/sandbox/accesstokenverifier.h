// SPDX-License-Identifier: MIT
// How the sandbox's sample API and /userinfo accept an access token, in the
// manner of Auth0's express-oauth2-jwt-bearer: RS256 only (an allow-list, so
// "none" and HS* are refused before any key is touched), the key chosen by
// kid from the tenant's JWKS, then iss, aud, exp and nbf with a small leeway.
// Failure descriptions use the same wording as that middleware, so users see
// the same sentences from the sandbox as from a real Express API.
#pragma once

#include "util/clock.h"
#include "http/httpmessage.h"
#include "jose/publickey.h"

#include <QJsonObject>
#include <QString>
#include <optional>

struct AccessTokenCheck
{
    bool ok = false;
    QString description;  // why it was refused
    QJsonObject claims;
};

class AccessTokenVerifier
{
public:
    AccessTokenVerifier(QJsonObject jwk, QString issuer, int leewaySeconds, Clock clock);

    AccessTokenCheck verify(const QByteArray &token, const QString &audience) const;

    // RFC 6750 2.1: "Authorization: Bearer <token>", scheme case-insensitive.
    // Returns nullopt when there is no such header (any other scheme counts
    // as no token, as express-oauth2-jwt-bearer treats it).
    static std::optional<QByteArray> bearerToken(const HttpRequest &request);
    // RFC 6750 3: the challenge, in express-oauth2-jwt-bearer's form.
    static QByteArray challenge(const QString &error = {}, const QString &description = {},
                                const QString &scope = {});

private:
    QJsonObject m_jwk;
    PublicKey m_key;
    QString m_issuer;
    int m_leeway;
    Clock m_clock;
};
