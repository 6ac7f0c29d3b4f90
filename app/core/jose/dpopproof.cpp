// SPDX-License-Identifier: MIT
#include "jose/dpopproof.h"
#include "jose/base64url.h"
#include "jose/jwt.h"
#include "jose/privatekey.h"
#include "jose/publickey.h"
#include "util/securerandom.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace DpopProof {

QString htu(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString(QUrl::FullyEncoded);
}

QString ath(const QString &accessToken)
{
    return QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(accessToken.toLatin1(), QCryptographicHash::Sha256)));
}

QJsonObject headerJwk(const QJsonObject &publicJwk)
{
    static const QStringList publicMembers{u"kty"_s, u"crv"_s, u"x"_s, u"y"_s, u"n"_s, u"e"_s};
    QJsonObject out;
    for (const QString &m : publicMembers) {
        if (publicJwk.contains(m))
            out.insert(m, publicJwk.value(m));
    }
    return out;
}

QByteArray make(const PrivateKey &key, const Claims &claims, const QString &alg)
{
    const QJsonObject header{{u"typ"_s, u"dpop+jwt"_s},
                             {u"alg"_s, alg.isEmpty() ? key.defaultAlgorithm() : alg},
                             {u"jwk"_s, headerJwk(key.publicJwk())}};
    QJsonObject payload{{u"jti"_s, claims.jti.isEmpty() ? QString::fromLatin1(SecureRandom::token(24)) : claims.jti},
                        {u"htm"_s, QString::fromLatin1(claims.method)},
                        {u"htu"_s, htu(claims.url)},
                        {u"iat"_s, claims.issuedAt}};
    if (!claims.nonce.isEmpty())
        payload.insert(u"nonce"_s, claims.nonce);
    if (!claims.accessToken.isEmpty())
        payload.insert(u"ath"_s, ath(claims.accessToken));
    const QByteArray input = PrivateKey::signingInput(header, payload);
    const QByteArray signature = key.sign(header.value(u"alg").toString(), input);
    if (signature.isEmpty())
        return {};
    return input + '.' + Base64Url::encode(signature);
}

QString summary(const QByteArray &proof)
{
    const DecodedJwt jwt = Jwt::decode(proof);
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return QCoreApplication::translate("DpopProof", "not a signed JWT (%1)").arg(jwt.ok() ? u"not a JWS"_s : jwt.errorText);
    QStringList parts;
    for (const QString &claim : {u"htm"_s, u"htu"_s, u"iat"_s, u"jti"_s, u"nonce"_s, u"ath"_s}) {
        const QJsonValue v = jwt.payload.value(claim);
        if (v.isUndefined())
            continue;
        // In range before the conversion: a huge number from outside would make it undefined.
        const double d = v.toDouble();
        parts << claim + u' ' + (!v.isDouble() ? v.toString() : d >= -1e15 && d <= 1e15 ? QString::number(qint64(d)) : QString::number(d));
    }
    return u"%1 %2, key %3: %4"_s.arg(jwt.header.value(u"typ").toString(), jwt.header.value(u"alg").toString(),
                                        PublicKey::thumbprint(jwt.header.value(u"jwk").toObject()), parts.join(u", "_s));
}

namespace {

Result refuse(Result r, const QString &problem, const QString &error = u"invalid_dpop_proof"_s)
{
    r.ok = false;
    r.problem = problem;
    r.error = error;
    return r;
}

// RFC 9449 4.3 step 9: htu matches ignoring query and fragment; scheme and
// host compare case-insensitively and a default port may be left out (RFC 3986 6.2.3).
bool sameTarget(const QString &htuClaim, const QUrl &url)
{
    const QUrl claimed(htuClaim, QUrl::StrictMode);
    if (!claimed.isValid() || claimed.isRelative())
        return false;
    auto normal = [](QUrl u) {
        u = u.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo | QUrl::NormalizePathSegments);
        u.setScheme(u.scheme().toLower());
        u.setHost(u.host().toLower());
        const int defaultPort = u.scheme() == u"https" ? 443 : u.scheme() == u"http" ? 80 : -1;
        if (u.port() == defaultPort)
            u.setPort(-1);
        if (u.path().isEmpty())
            u.setPath(u"/"_s);
        return u.toString(QUrl::FullyEncoded);
    };
    return normal(claimed) == normal(url);
}

} // namespace

Result check(const QByteArray &proof, const Expectation &expected)
{
    Result r;
    if (proof.isEmpty())
        return refuse(r, QCoreApplication::translate("DpopProof", "The request has no DPoP proof (no DPoP header)."));
    if (proof.contains(',') || proof.contains(' '))
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP header holds more than one value; it must be exactly one JWT."));
    const DecodedJwt jwt = Jwt::decode(proof);
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof is not a signed JWT: %1").arg(jwt.ok() ? QCoreApplication::translate("DpopProof", "it is not a JWS.") : jwt.errorText));
    r.header = jwt.header;
    r.payload = jwt.payload;
    if (jwt.header.value(u"typ").toString() != u"dpop+jwt")
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof's typ is \"%1\", not \"dpop+jwt\".").arg(jwt.header.value(u"typ").toString()));
    const QString alg = jwt.header.value(u"alg").toString();
    if (alg.isEmpty() || alg.compare(u"none", Qt::CaseInsensitive) == 0 || alg.startsWith(u"HS"))
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof's alg \"%1\" is not an asymmetric signature algorithm.").arg(alg));
    if (!expected.algorithms.contains(alg))
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof is signed with %1, which is not accepted here (%2).").arg(alg, expected.algorithms.join(u", ")));
    const QJsonObject jwk = jwt.header.value(u"jwk").toObject();
    if (jwk.isEmpty())
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof's header has no jwk (the public key that signed it)."));
    if (jwk.contains(u"d") || jwk.contains(u"p") || jwk.contains(u"k"))
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof's jwk holds private key material; it must be the public key only."));
    QString keyError;
    const auto key = PublicKey::fromJwk(jwk, &keyError);
    if (!key)
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof's jwk is not a usable public key: %1").arg(keyError));
    if (!jwt.signatureProblem.isEmpty() || !key->verify(alg, jwt.signingInput, jwt.signature))
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof's signature does not verify with the jwk in its own header."));
    r.thumbprint = PublicKey::thumbprint(jwk);
    const QJsonObject &p = jwt.payload;
    r.jti = p.value(u"jti").toString();
    if (r.jti.isEmpty())
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof has no jti."));
    if (p.value(u"htm").toString() != QString::fromLatin1(expected.method))
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof is for method %1, the request is %2.").arg(p.value(u"htm").toString(), QString::fromLatin1(expected.method)));
    if (!sameTarget(p.value(u"htu").toString(), expected.url))
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof is for %1, the request went to %2.").arg(p.value(u"htu").toString(), htu(expected.url)));
    const auto iat = Jwt::numericDate(p.value(u"iat"));
    if (!iat)
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof has no numeric iat."));
    if (!expected.nonce.isEmpty() && p.value(u"nonce").toString() != expected.nonce)
        return refuse(r, p.contains(u"nonce") ? QCoreApplication::translate("DpopProof", "The DPoP proof carries a stale nonce; the server asks for a fresh one.")
                                              : QCoreApplication::translate("DpopProof", "The server requires a nonce in the DPoP proof."),
                      u"use_dpop_nonce"_s);
    if (qAbs(*iat - expected.now) > expected.leeway)
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof's iat is %1 seconds off the server's clock (at most %2 allowed).").arg(*iat - expected.now).arg(expected.leeway));
    if (!expected.accessToken.isEmpty() && p.value(u"ath").toString() != ath(expected.accessToken))
        return refuse(r, p.contains(u"ath") ? QCoreApplication::translate("DpopProof", "The DPoP proof's ath is the hash of another access token.")
                                            : QCoreApplication::translate("DpopProof", "The DPoP proof has no ath (the access token's hash)."));
    if (!expected.boundThumbprint.isEmpty() && r.thumbprint != expected.boundThumbprint)
        return refuse(r, QCoreApplication::translate("DpopProof", "The DPoP proof is signed by a key other than the one the access token is bound to (cnf.jkt)."));
    r.ok = true;
    return r;
}

} // namespace DpopProof
