// SPDX-License-Identifier: MIT
#include "sandbox/accesstokenverifier.h"
#include "jose/jwt.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

AccessTokenVerifier::AccessTokenVerifier(QJsonObject jwk, QString issuer, int leewaySeconds, Clock clock)
    : m_jwk(std::move(jwk)), m_issuer(std::move(issuer)), m_leeway(leewaySeconds), m_clock(std::move(clock))
{
    if (auto key = PublicKey::fromJwk(m_jwk))
        m_key = std::move(*key);
}

AccessTokenCheck AccessTokenVerifier::verify(const QByteArray &token, const QString &audience) const
{
    AccessTokenCheck check;
    const DecodedJwt jwt = Jwt::decode(token);
    if (!jwt.ok() || jwt.kind != JwtKind::Jws) {
        check.description = u"Invalid Compact JWS"_s;
        return check;
    }
    // RFC 8725 3.1: the algorithm comes from our allow-list, not the token.
    if (jwt.header.value(u"alg").toString() != u"RS256") {
        check.description = u"\"alg\" (Algorithm) Header Parameter value not allowed"_s;
        return check;
    }
    if (jwt.header.value(u"kid").toString() != m_jwk.value(u"kid").toString()) {
        check.description = u"no applicable key found in the JSON Web Key Set"_s;
        return check;
    }
    if (!m_key.verify(u"RS256"_s, jwt.signingInput, jwt.signature)) {
        check.description = u"signature verification failed"_s;
        return check;
    }
    const QJsonObject &c = jwt.payload;
    if (c.value(u"iss").toString() != m_issuer) {
        check.description = u"unexpected \"iss\" claim value"_s;
        return check;
    }
    const QJsonValue aud = c.value(u"aud");
    const bool audOk = aud.isString() ? aud.toString() == audience
                                      : aud.isArray() && aud.toArray().contains(QJsonValue(audience));
    if (!audOk) {
        check.description = u"unexpected \"aud\" claim value"_s;
        return check;
    }
    const qint64 now = m_clock().toSecsSinceEpoch();
    if (!c.value(u"exp").isDouble()) {
        check.description = u"missing required \"exp\" claim"_s;
        return check;
    }
    const std::optional<qint64> exp = Jwt::numericDate(c.value(u"exp"));
    if (!exp || *exp <= now - m_leeway) {
        check.description = u"\"exp\" claim timestamp check failed"_s;
        return check;
    }
    const std::optional<qint64> nbf = Jwt::numericDate(c.value(u"nbf"));
    if (c.contains(u"nbf") && (!nbf || *nbf > now + m_leeway)) {
        check.description = u"\"nbf\" claim timestamp check failed"_s;
        return check;
    }
    // RFC 9068 2.2: an access token names its subject and is not issued in the future.
    const std::optional<qint64> iat = Jwt::numericDate(c.value(u"iat"));
    if (c.contains(u"iat") && (!iat || *iat > now + m_leeway)) {
        check.description = u"\"iat\" claim timestamp check failed"_s;
        return check;
    }
    if (!c.value(u"sub").isString()) {
        check.description = u"missing required \"sub\" claim"_s;
        return check;
    }
    check.ok = true;
    check.claims = c;
    return check;
}

std::optional<QByteArray> AccessTokenVerifier::bearerToken(const HttpRequest &request)
{
    const QByteArray value = request.header("Authorization");
    if (value.size() < 8 || value.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QByteArray token = value.mid(7).trimmed();
    if (token.isEmpty())
        return std::nullopt;
    return token;
}

QByteArray AccessTokenVerifier::challenge(const QString &error, const QString &description, const QString &scope)
{
    QByteArray out = "Bearer realm=\"api\"";
    // quoted-string values: the middleware swaps '"' for '\'' rather than escaping.
    auto quoted = [](const QString &s) -> QByteArray { return '"' + QString(s).replace(u'"', u'\'').toUtf8() + '"'; };
    if (!error.isEmpty())
        out += ", error=" + quoted(error);
    if (!description.isEmpty())
        out += ", error_description=" + quoted(description);
    if (!scope.isEmpty())
        out += ", scope=" + quoted(scope);
    return out;
}
