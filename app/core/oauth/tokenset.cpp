// SPDX-License-Identifier: MIT
#include "oauth/tokenset.h"
#include "jose/jwt.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

QJsonObject TokenSet::toJson() const
{
    QJsonObject o{{u"access_token"_s, accessToken}, {u"token_type"_s, tokenType}};
    if (!idToken.isEmpty())
        o.insert(u"id_token"_s, idToken);
    if (!refreshToken.isEmpty())
        o.insert(u"refresh_token"_s, refreshToken);
    o.insert(u"scope"_s, grantedScope);
    o.insert(u"requested_scope"_s, requestedScope);
    o.insert(u"obtained_at"_s, obtainedAt.toSecsSinceEpoch());
    if (expiresAt.isValid())
        o.insert(u"expires_at"_s, expiresAt.toSecsSinceEpoch());
    return o;
}

std::optional<TokenSet> TokenSet::fromJson(const QJsonObject &o)
{
    TokenSet t;
    t.accessToken = o.value(u"access_token").toString();
    if (t.accessToken.isEmpty())
        return std::nullopt;
    t.tokenType = o.value(u"token_type").toString();
    t.idToken = o.value(u"id_token").toString();
    t.refreshToken = o.value(u"refresh_token").toString();
    t.grantedScope = o.value(u"scope").toString();
    t.requestedScope = o.value(u"requested_scope").toString();
    t.obtainedAt = QDateTime::fromSecsSinceEpoch(Jwt::numericDate(o.value(u"obtained_at")).value_or(0), Qt::UTC);
    if (o.contains(u"expires_at")) {
        const std::optional<qint64> expiresAt = Jwt::numericDate(o.value(u"expires_at"));
        if (!expiresAt)
            return std::nullopt; // a damaged entry is no token set; the user logs in again
        t.expiresAt = QDateTime::fromSecsSinceEpoch(*expiresAt, Qt::UTC);
    }
    return t;
}

TokenSet TokenSet::refreshedWith(const TokenSet &answer) const
{
    TokenSet t = answer;
    if (t.refreshToken.isEmpty())
        t.refreshToken = refreshToken;
    if (t.idToken.isEmpty())
        t.idToken = idToken;
    t.requestedScope = requestedScope;
    return t;
}

namespace TokenResponse {

std::optional<TokenSet> parse(int httpStatus, const QByteArray &body, const QDateTime &now,
                              const QString &requestedScope, QString *error, QString *errorCode,
                              bool proofSent)
{
    auto fail = [error](const QString &why) -> std::optional<TokenSet> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const QJsonObject o = doc.object();
    if (httpStatus != 200) {
        // RFC 6749 5.2: error, error_description; say the description first.
        const QString code = o.value(u"error").toString();
        const QString description = o.value(u"error_description").toString();
        if (errorCode)
            *errorCode = code;
        if (!code.isEmpty()) {
            const QString sentence = description.isEmpty() ? code : description + u" ("_s + code + u')';
            return fail(QCoreApplication::translate("TokenSet", "The token endpoint refused the request: %1.").arg(sentence));
        }
        return fail(QCoreApplication::translate("TokenSet", "The token endpoint answered HTTP %1 without an OAuth error; is the token endpoint URL right?").arg(httpStatus));
    }
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QCoreApplication::translate("TokenSet", "The token endpoint answered, but not with a JSON object."));
    TokenSet t;
    t.accessToken = o.value(u"access_token").toString();
    if (t.accessToken.isEmpty())
        return fail(QCoreApplication::translate("TokenSet", "The token endpoint's answer has no access_token."));
    t.tokenType = o.value(u"token_type").toString();
    // RFC 6749 7.1: Bearer (RFC 6750), or DPoP (RFC 9449 5) when a proof went with the request.
    if (t.tokenType.compare(u"DPoP", Qt::CaseInsensitive) == 0 && proofSent)
        t.tokenType = u"DPoP"_s;
    else if (t.tokenType.compare(u"DPoP", Qt::CaseInsensitive) == 0)
        return fail(QCoreApplication::translate("TokenSet", "The token endpoint issued a DPoP-bound token although TokenLab sent no DPoP proof; the token cannot be used."));
    else if (t.tokenType.compare(u"Bearer", Qt::CaseInsensitive) == 0)
        t.tokenType = u"Bearer"_s;
    else
        return fail(QCoreApplication::translate("TokenSet", "The token endpoint issued a token of type \"%1\"; TokenLab can use Bearer and DPoP tokens.").arg(t.tokenType));
    t.idToken = o.value(u"id_token").toString();
    t.refreshToken = o.value(u"refresh_token").toString();
    // RFC 6749 5.1: no scope in the answer means the requested scope was granted.
    t.grantedScope = o.contains(u"scope") ? o.value(u"scope").toString() : requestedScope;
    t.requestedScope = requestedScope;
    t.obtainedAt = now;
    const QJsonValue expiresIn = o.value(u"expires_in");
    if (expiresIn.isDouble()) {
        const double seconds = expiresIn.toDouble();
        if (seconds < 0 || seconds > 10.0 * 365 * 24 * 3600)
            return fail(QCoreApplication::translate("TokenSet", "The token endpoint's expires_in (%1) is not a sensible lifetime.").arg(seconds));
        t.expiresAt = now.addSecs(qint64(seconds));
    } else if (expiresIn.isString()) {
        bool ok = false; // some servers send it as a string
        const qint64 seconds = expiresIn.toString().toLongLong(&ok);
        if (!ok)
            return fail(QCoreApplication::translate("TokenSet", "The token endpoint's expires_in is not a number."));
        if (seconds < 0 || seconds > qint64(10) * 365 * 24 * 3600)
            return fail(QCoreApplication::translate("TokenSet", "The token endpoint's expires_in (%1) is not a sensible lifetime.").arg(seconds));
        t.expiresAt = now.addSecs(seconds);
    }
    return t;
}

} // namespace TokenResponse
