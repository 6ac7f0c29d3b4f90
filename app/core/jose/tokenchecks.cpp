// SPDX-License-Identifier: MIT
#include "jose/tokenchecks.h"
#include "util/timeformat.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace TokenChecks {

using R = ClaimCheck::Result;

QStringList asymmetricAlgorithms()
{
    // Built once: algorithm() asks on every token a verifier checks.
    static const QStringList all{u"RS256"_s, u"RS384"_s, u"RS512"_s, u"PS256"_s, u"PS384"_s,
                                 u"PS512"_s, u"ES256"_s, u"ES384"_s, u"ES512"_s, u"EdDSA"_s};
    return all;
}

TokenKind guessKind(const DecodedJwt &jwt, const TokenExpectations &expected)
{
    if (expected.kind != TokenKind::Unknown)
        return expected.kind;
    const QString typ = jwt.header.value(u"typ").toString().toLower();
    if (typ == u"at+jwt" || typ == u"application/at+jwt" || jwt.payload.contains(u"scope") || jwt.payload.contains(u"permissions"))
        return TokenKind::Access;
    if (jwt.payload.contains(u"nonce") || jwt.payload.contains(u"auth_time") || jwt.payload.contains(u"at_hash"))
        return TokenKind::Id;
    return TokenKind::Unknown;
}

QString relativeTime(const QDateTime &when, const QDateTime &now, bool future, const QString &pastWord)
{
    Q_UNUSED(pastWord)
    return TimeFormat::relative(now.secsTo(when), future);
}

namespace {

// Why alg may not be verified with a public key, or nothing when it may.
std::optional<QString> algorithmProblem(const QJsonValue &algValue, const QStringList &allowed)
{
    const QString alg = algValue.toString();
    if (!algValue.isString() || alg.isEmpty())
        return QCoreApplication::translate("TokenChecks", "The header has no \"alg\"; a signed JWT must name its algorithm.");
    if (alg.compare(u"none", Qt::CaseInsensitive) == 0)
        return QCoreApplication::translate("TokenChecks", "alg \"none\" means unsigned; such a token is never valid.");
    if (alg.startsWith(u"HS"))
        return QCoreApplication::translate("TokenChecks", "%1 uses a shared secret; TokenLab never checks it with a public key (algorithm confusion, RFC 8725 3.1).").arg(alg);
    if (!asymmetricAlgorithms().contains(alg))
        return QCoreApplication::translate("TokenChecks", "The algorithm \"%1\" is not one TokenLab verifies.").arg(alg);
    if (!allowed.isEmpty() && !allowed.contains(alg))
        return QCoreApplication::translate("TokenChecks", "%1 is not in the allowed algorithms (%2).").arg(alg, allowed.join(u", "));
    return std::nullopt;
}

} // namespace

ClaimCheck algorithm(const DecodedJwt &jwt, const QStringList &allowed)
{
    const QJsonValue algValue = jwt.header.value(u"alg");
    if (const auto problem = algorithmProblem(algValue, allowed))
        return {u"alg"_s, R::Failed, *problem};
    return {u"alg"_s, R::Passed, QCoreApplication::translate("TokenChecks", "%1 is allowed.").arg(algValue.toString())};
}

SignatureCheck signature(const DecodedJwt &jwt, const KeySet &keys, const QStringList &allowed, const QString &source)
{
    SignatureCheck out;
    if (!jwt.signatureProblem.isEmpty()) {
        // The signature bytes were never decoded: no key is even tried.
        out.check = {u"signature"_s, R::Failed, jwt.signatureProblem};
        return out;
    }
    const QJsonValue algValue = jwt.header.value(u"alg");
    if (const auto problem = algorithmProblem(algValue, allowed)) {
        out.check = {u"signature"_s, R::Failed, *problem};
        return out;
    }
    const QString algName = algValue.toString();
    const QString kid = jwt.header.value(u"kid").toString();
    const QList<JwksKey> candidates = keys.candidates(kid, algName);
    if (candidates.isEmpty()) {
        QString why = kid.isEmpty() ? QCoreApplication::translate("TokenChecks", "No key in %1 can verify %2.").arg(source, algName)
                                    : keys.hasKid(kid) ? QCoreApplication::translate("TokenChecks", "The key \"%1\" in %2 cannot verify %3.").arg(kid, source, algName)
                                                       : QCoreApplication::translate("TokenChecks", "No key with kid \"%1\" in %2.").arg(kid, source);
        out.check = {u"signature"_s, R::Failed, why};
        return out;
    }
    for (const JwksKey &k : candidates) {
        if (k.key->verify(algName, jwt.signingInput, jwt.signature)) {
            out.verified = true;
            out.kid = k.kid;
            out.check = {u"signature"_s, R::Passed,
                         k.kid.isEmpty() ? QCoreApplication::translate("TokenChecks", "Verified (%1) with the key from %2.").arg(algName, source)
                                         : QCoreApplication::translate("TokenChecks", "Verified (%1) with the key \"%2\" from %3.").arg(algName, k.kid, source)};
            return out;
        }
    }
    out.check = {u"signature"_s, R::Failed,
                 QCoreApplication::translate("TokenChecks", "The signature does not match %1; the token was altered or signed by someone else.").arg(
                         candidates.size() == 1 && !candidates.first().kid.isEmpty()
                                 ? QCoreApplication::translate("TokenChecks", "the key \"%1\" from %2").arg(candidates.first().kid, source)
                                 : QCoreApplication::translate("TokenChecks", "the keys from %1").arg(source))};
    return out;
}

QList<ClaimCheck> claims(const DecodedJwt &jwt, const TokenExpectations &expected, const QDateTime &now)
{
    QList<ClaimCheck> out;
    const QJsonObject &c = jwt.payload;
    const TokenKind kind = guessKind(jwt, expected);
    const qint64 t = now.toSecsSinceEpoch();
    const int leeway = expected.leewaySeconds;
    out.reserve(8);
    // now.secsTo(a date at whole second s) is s minus one number that depends
    // on now alone (0 when now is invalid): worked out once, not per claim.
    const bool nowValid = now.isValid();
    const qint64 nowSeconds = nowValid ? -now.secsTo(QDateTime::fromSecsSinceEpoch(0, Qt::UTC)) : 0;
    auto relative = [&](qint64 s, bool future) { return TimeFormat::relative(nowValid ? s - nowSeconds : 0, future); };

    // iss
    const QJsonValue issValue = c.value(u"iss");
    if (!issValue.isString()) {
        out.append({u"iss"_s, R::Failed, QCoreApplication::translate("TokenChecks", "The token has no iss (issuer) claim.")});
    } else if (expected.issuer.isEmpty()) {
        out.append({u"iss"_s, R::NotChecked, QCoreApplication::translate("TokenChecks", "Issued by %1; no expected issuer was given.").arg(issValue.toString())});
    } else {
        const QString iss = issValue.toString();
        const QString wanted = expected.issuer.toString();
        if (iss == wanted)
            out.append({u"iss"_s, R::Passed, QCoreApplication::translate("TokenChecks", "Issued by %1, as expected.").arg(wanted)});
        else
            out.append({u"iss"_s, R::Failed, QCoreApplication::translate("TokenChecks", "Issued by \"%1\", not by the expected issuer \"%2\".").arg(iss, wanted)});
    }

    // aud
    const QStringList auds = Jwt::audiences(c);
    if (auds.isEmpty())
        out.append({u"aud"_s, R::Failed, QCoreApplication::translate("TokenChecks", "The token has no aud (audience) claim.")});
    else if (expected.audience.isEmpty())
        out.append({u"aud"_s, R::NotChecked, QCoreApplication::translate("TokenChecks", "Meant for %1; no expected audience was given.").arg(auds.join(u", "))});
    else if (auds.contains(expected.audience))
        out.append({u"aud"_s, R::Passed, kind == TokenKind::Id ? QCoreApplication::translate("TokenChecks", "Meant for this client (%1).").arg(expected.audience)
                                                               : QCoreApplication::translate("TokenChecks", "Meant for the API %1.").arg(expected.audience)});
    else
        out.append({u"aud"_s, R::Failed, QCoreApplication::translate("TokenChecks", "Meant for %1, not for %2.").arg(auds.join(u", "), expected.audience)});

    // exp, nbf, iat: RFC 7519 NumericDates, refused when no calendar holds them
    auto badTime = [](const QString &name, const QJsonValue &v) {
        return v.isDouble() ? QCoreApplication::translate("TokenChecks", "%1 (%2) is not a date between the years 1 and 9999.").arg(name, QString::number(v.toDouble()))
                            : QCoreApplication::translate("TokenChecks", "%1 is not a number of seconds.").arg(name);
    };
    const QJsonValue exp = c.value(u"exp");
    const std::optional<qint64> expAt = Jwt::numericDate(exp);
    if (exp.isUndefined())
        out.append({u"exp"_s, R::Failed, QCoreApplication::translate("TokenChecks", "The token has no exp claim; it would never expire.")});
    else if (!expAt)
        out.append({u"exp"_s, R::Failed, badTime(u"exp"_s, exp)});
    else if (*expAt + leeway > t)
        out.append({u"exp"_s, R::Passed, QCoreApplication::translate("TokenChecks", "Expires %1.").arg(relative(*expAt, true))});
    else
        out.append({u"exp"_s, R::Failed, QCoreApplication::translate("TokenChecks", "Expired %1.").arg(relative(*expAt, false))});
    const QJsonValue nbf = c.value(u"nbf");
    if (!nbf.isUndefined()) {
        const std::optional<qint64> nbfAt = Jwt::numericDate(nbf);
        if (!nbfAt)
            out.append({u"nbf"_s, R::Failed, badTime(u"nbf"_s, nbf)});
        else if (*nbfAt - leeway <= t)
            out.append({u"nbf"_s, R::Passed, QCoreApplication::translate("TokenChecks", "Valid since %1.").arg(relative(*nbfAt, false))});
        else
            out.append({u"nbf"_s, R::Failed, QCoreApplication::translate("TokenChecks", "Not valid yet: only from %1.").arg(relative(*nbfAt, true))});
    }
    const QJsonValue iat = c.value(u"iat");
    if (!iat.isUndefined()) {
        const std::optional<qint64> iatAt = Jwt::numericDate(iat);
        if (!iatAt)
            out.append({u"iat"_s, R::Failed, badTime(u"iat"_s, iat)});
        else if (*iatAt - leeway <= t)
            out.append({u"iat"_s, R::Passed, QCoreApplication::translate("TokenChecks", "Issued %1.").arg(relative(*iatAt, false))});
        else
            out.append({u"iat"_s, R::Failed, QCoreApplication::translate("TokenChecks", "Issued in the future (%1); the issuer's clock or the token is wrong.").arg(
                                                    relative(*iatAt, true))});
    }

    // nonce: the id_token of the current login only
    if (!expected.nonce.isEmpty()) {
        const QString got = c.value(u"nonce").toString();
        if (got == expected.nonce)
            out.append({u"nonce"_s, R::Passed, QCoreApplication::translate("TokenChecks", "Matches this login's nonce.")});
        else
            out.append({u"nonce"_s, R::Failed, got.isEmpty() ? QCoreApplication::translate("TokenChecks", "The id_token has no nonce, but this login sent one (a possible replay).")
                                                               : QCoreApplication::translate("TokenChecks", "The nonce is not this login's (a possible replay).")});
    }

    // azp
    if (const QJsonValue azpValue = c.value(u"azp"); !azpValue.isUndefined()) {
        const QString azp = azpValue.toString();
        if (expected.clientId.isEmpty())
            out.append({u"azp"_s, R::NotChecked, QCoreApplication::translate("TokenChecks", "Authorized party %1; no client was given.").arg(azp)});
        else if (azp == expected.clientId)
            out.append({u"azp"_s, R::Passed, QCoreApplication::translate("TokenChecks", "Authorized party is this client.")});
        else
            out.append({u"azp"_s, R::Failed, QCoreApplication::translate("TokenChecks", "Authorized party is \"%1\", not this client \"%2\".").arg(azp, expected.clientId)});
    } else if (kind == TokenKind::Id && auds.size() > 1) {
        out.append({u"azp"_s, R::Failed, QCoreApplication::translate("TokenChecks", "The id_token has several audiences but no azp.")});
    }

    // typ
    const QString typ = jwt.header.value(u"typ").toString();
    const bool atJwt = typ.compare(u"at+jwt", Qt::CaseInsensitive) == 0 || typ.compare(u"application/at+jwt", Qt::CaseInsensitive) == 0;
    if (kind == TokenKind::Access)
        out.append({u"typ"_s, atJwt ? R::Passed : R::NotChecked,
                    atJwt ? QCoreApplication::translate("TokenChecks", "at+jwt: a JWT access token as RFC 9068 describes.")
                          : QCoreApplication::translate("TokenChecks", "typ is \"%1\", not at+jwt; the token does not claim the RFC 9068 profile.").arg(typ)});
    else if (kind == TokenKind::Id && atJwt)
        out.append({u"typ"_s, R::Failed, QCoreApplication::translate("TokenChecks", "An access token (typ at+jwt) where an id_token belongs: tokens must not be swapped.")});

    // scope's form (RFC 9068 2.2.3: a space-separated string)
    if (const QJsonValue scope = c.value(u"scope"); !scope.isUndefined() && !scope.isString())
        out.append({u"scope"_s, R::Failed, QCoreApplication::translate("TokenChecks", "scope is not a space-separated string (RFC 9068 2.2.3).")});
    // RFC 9449 6.1: a DPoP-bound JWT names its key's thumbprint in cnf.jkt.
    const QString jkt = Jwt::boundKey(c);
    if (!jkt.isEmpty() && !expected.boundKey.isEmpty())
        out.append(jkt == expected.boundKey
                           ? ClaimCheck{u"cnf"_s, R::Passed, QCoreApplication::translate("TokenChecks", "DPoP-bound to this profile's proof key (cnf.jkt %1).").arg(jkt)}
                           : ClaimCheck{u"cnf"_s, R::Failed, QCoreApplication::translate("TokenChecks", "DPoP-bound to key %1, not to this profile's proof key %2: the API will refuse this profile's proofs.").arg(jkt, expected.boundKey)});
    else if (!jkt.isEmpty())
        out.append({u"cnf"_s, R::NotChecked, QCoreApplication::translate("TokenChecks", "DPoP-bound to key %1 (cnf.jkt); only a proof signed by that key makes it usable.").arg(jkt)});
    else if (expected.dpopBound && kind != TokenKind::Id)
        out.append({u"cnf"_s, R::NotChecked, QCoreApplication::translate("TokenChecks", "The issuer said the token is DPoP-bound, but it names no cnf.jkt; the API learns the key some other way (introspection).")});
    return out;
}

} // namespace TokenChecks
