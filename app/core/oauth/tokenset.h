// SPDX-License-Identifier: MIT
// The tokens one login (or refresh) produced for a profile, with what the
// user asked for beside what was granted. A value type; its JSON form is
// what the token store keeps (in the OS keychain, never in a plain file).
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

struct TokenSet
{
    QString accessToken;
    QString idToken;
    QString refreshToken;
    QString tokenType;       // "Bearer", or "DPoP" for a token bound to the profile's proof key (RFC 9449 5)
    QString grantedScope;    // the token response's scope, or the requested one when absent (RFC 6749 5.1)
    QString requestedScope;
    QDateTime obtainedAt;
    QDateTime expiresAt;     // invalid when the server gave no expires_in

    bool isEmpty() const { return accessToken.isEmpty(); }
    bool isExpired(const QDateTime &now) const { return expiresAt.isValid() && now >= expiresAt; }
    bool isDpopBound() const { return tokenType.compare(u"DPoP", Qt::CaseInsensitive) == 0; }
    // A refresh's answer, completed from this set: RFC 6749 6 lets the server
    // keep the refresh token (no rotation) and OpenID Connect omit the id_token.
    TokenSet refreshedWith(const TokenSet &answer) const;
    QStringList grantedScopes() const { return grantedScope.split(u' ', Qt::SkipEmptyParts); }

    QJsonObject toJson() const;
    static std::optional<TokenSet> fromJson(const QJsonObject &json);
};

// RFC 6749 5.1 and 5.2: a token endpoint answer turned into tokens, or into
// one sentence (the server's error_description first) in *error. A "DPoP"
// token_type is accepted only when the request carried a DPoP proof.
namespace TokenResponse {

std::optional<TokenSet> parse(int httpStatus, const QByteArray &body, const QDateTime &now,
                              const QString &requestedScope, QString *error, QString *errorCode = nullptr,
                              bool proofSent = false);

} // namespace TokenResponse
