// SPDX-License-Identifier: MIT
#include "api/hostiletokens.h"
#include "jose/base64url.h"
#include "jose/jwt.h"
#include "jose/privatekey.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

QByteArray encodeJson(const QJsonObject &o)
{
    return Base64Url::encode(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The decoded token, when it is a JWS whose header and payload TokenLab can rewrite.
std::optional<DecodedJwt> jws(const QByteArray &token)
{
    DecodedJwt jwt = Jwt::decode(token);
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return std::nullopt;
    return jwt;
}

QJsonObject applied(QJsonObject header, const QJsonObject &changes)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            header.remove(it.key());
        else
            header.insert(it.key(), it.value());
    }
    return header;
}

} // namespace

namespace HostileTokens {

QByteArray alteredSignature(const QByteArray &token)
{
    const auto jwt = jws(token);
    if (!jwt || jwt->signature.isEmpty())
        return token + "x";
    QByteArray sig = jwt->signature;
    sig[sig.size() / 2] = char(sig.at(sig.size() / 2) ^ 0x5a);
    return jwt->signingInput + '.' + Base64Url::encode(sig);
}

QByteArray alteredPayload(const QByteArray &token)
{
    const auto jwt = jws(token);
    if (!jwt)
        return token + "x";
    QJsonObject claims = jwt->payload;
    claims.insert(u"sub"_s, QString(claims.value(u"sub").toString() + u"-altered"_s));
    claims.insert(u"scope"_s, QString(claims.value(u"scope").toString() + u" admin"_s));
    const QList<QByteArray> p = token.split('.');
    return p.at(0) + '.' + encodeJson(claims) + '.' + p.at(2);
}

QByteArray algNone(const QByteArray &token, const QString &algName)
{
    const auto jwt = jws(token);
    if (!jwt)
        return token + "x";
    return encodeJson(applied(jwt->header, {{u"alg"_s, algName}, {u"kid"_s, QJsonValue::Null}})) + '.' + token.split('.').at(1) + '.';
}

QByteArray emptySignature(const QByteArray &token)
{
    const auto jwt = jws(token);
    if (!jwt)
        return token + "x";
    return jwt->signingInput + '.';
}

QByteArray hmacSigned(const QByteArray &token, const QByteArray &secret, const QJsonObject &headerChanges)
{
    const auto jwt = jws(token);
    if (!jwt)
        return token + "x";
    const QJsonObject header = applied(applied(jwt->header, {{u"alg"_s, u"HS256"_s}}), headerChanges);
    const QByteArray input = encodeJson(header) + '.' + token.split('.').at(1);
    return input + '.' + Base64Url::encode(PrivateKey::hmac(u"HS256"_s, secret, input));
}

QByteArray resigned(const QByteArray &token, const PrivateKey &key, const QJsonObject &headerChanges)
{
    const auto jwt = jws(token);
    if (!jwt)
        return token + "x";
    QJsonObject header = applied(jwt->header, headerChanges);
    // The token's own algorithm when the key can serve it (RS384, PS256, ...): only the key differs.
    const QString tokenAlg = jwt->header.value(u"alg").toString();
    const QString alg = !key.sign(tokenAlg, "probe").isEmpty() ? tokenAlg : key.defaultAlgorithm();
    header.insert(u"alg"_s, alg);
    const QByteArray input = encodeJson(header) + '.' + token.split('.').at(1);
    return input + '.' + Base64Url::encode(key.sign(alg, input));
}

QByteArray zeroEcdsaSignature(const QByteArray &token, const QString &alg)
{
    const auto jwt = jws(token);
    if (!jwt)
        return token + "x";
    const int size = alg == u"ES384" ? 96 : alg == u"ES512" ? 132 : 64;
    return jwt->signingInput + '.' + Base64Url::encode(QByteArray(size, '\0'));
}

QByteArray minted(const PrivateKey &key, const QJsonObject &claims, const QString &typ)
{
    QJsonObject header;
    if (!typ.isEmpty())
        header.insert(u"typ"_s, typ);
    return key.signJws(header, claims);
}

} // namespace HostileTokens
