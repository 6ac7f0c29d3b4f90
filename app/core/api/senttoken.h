// SPDX-License-Identifier: MIT
// What the token that went with a request says of itself, for explaining
// the API's answer: its expiry, audience, issuer and scopes, read from the
// JWT's claims (RFC 7519 4.1, RFC 9068 2.2) of an "Authorization: Bearer"
// (or DPoP) header.
//
// Contract: fromAuthorization() is a pure function of the header value. It
// decodes, it does not verify: these are the token's claims as TokenLab
// read them, which the API may still refuse to believe. An opaque or
// malformed token gives readable == false and nothing else; the token
// itself is never kept.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

struct SentToken
{
    bool readable = false;          // a JWS whose claims TokenLab could read
    QDateTime expiresAt;            // exp; invalid when absent
    QStringList audience;           // aud, a string or an array
    QString issuer;                 // iss
    std::optional<QStringList> scopes; // scope (a space-separated string) or scp; nullopt when neither
    QString scheme;                 // "Bearer", "DPoP", ... as sent
    QString boundKey;               // cnf.jkt: the token is DPoP-bound to this key (RFC 9449 6.1)

    static SentToken fromAuthorization(const QByteArray &headerValue);
};
