// SPDX-License-Identifier: MIT
#include "api/senttoken.h"
#include "jose/jwt.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QStringList strings(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().split(u' ', Qt::SkipEmptyParts);
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (item.isString())
            out << item.toString();
    }
    return out;
}

} // namespace

SentToken SentToken::fromAuthorization(const QByteArray &headerValue)
{
    SentToken out;
    // RFC 7235 2.1: the scheme, one space, the credentials.
    const qsizetype space = headerValue.indexOf(' ');
    if (space < 0)
        return out;
    out.scheme = QString::fromLatin1(headerValue.left(space));
    const DecodedJwt jwt = Jwt::decode(headerValue.mid(space + 1).trimmed());
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return out;
    out.readable = true;
    const QJsonObject &claims = jwt.payload;
    if (const std::optional<qint64> exp = Jwt::numericDate(claims.value(u"exp")))
        out.expiresAt = QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC);
    const QJsonValue aud = claims.value(u"aud");
    out.audience = aud.isString() ? QStringList{aud.toString()} : strings(aud);
    out.issuer = claims.value(u"iss").toString();
    out.boundKey = Jwt::boundKey(claims);
    // RFC 9068 2.2.3 scope; scp is Azure's and Okta's, a string or an array.
    for (const QString &name : {u"scope"_s, u"scp"_s}) {
        const QJsonValue v = claims.value(name);
        if (v.isString() || v.isArray()) {
            out.scopes = strings(v);
            break;
        }
    }
    return out;
}
