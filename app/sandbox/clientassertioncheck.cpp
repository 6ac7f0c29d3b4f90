// SPDX-License-Identifier: MIT
#include "sandbox/clientassertioncheck.h"
#include "jose/jwt.h"
#include "jose/publickey.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ClientAssertionCheck {

Result check(const QByteArray &assertion, const Expectation &expected)
{
    Result r;
    auto refuse = [&r](const QString &why) {
        r.problem = why;
        return r;
    };
    const DecodedJwt jwt = Jwt::decode(assertion);
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return refuse(u"The client assertion is not a signed JWT."_s);
    // RFC 8725 3.1: never none or a shared-secret algorithm for a public key.
    const QString alg = jwt.header.value(u"alg").toString();
    if (alg.isEmpty() || alg.compare(u"none", Qt::CaseInsensitive) == 0 || alg.startsWith(u"HS"))
        return refuse(u"The client assertion's alg \"%1\" is not an asymmetric signature algorithm."_s.arg(alg));
    const QString kid = jwt.header.value(u"kid").toString();
    bool verified = false;
    bool kidFound = false;
    for (const QJsonValue &v : expected.keys) {
        const QJsonObject jwk = v.toObject();
        if (!kid.isEmpty() && jwk.contains(u"kid") && jwk.value(u"kid").toString() != kid)
            continue;
        kidFound = true;
        const auto key = PublicKey::fromJwk(jwk);
        if (key && key->supportsAlgorithm(alg) && jwt.signatureProblem.isEmpty()
            && key->verify(alg, jwt.signingInput, jwt.signature)) {
            verified = true;
            break;
        }
    }
    if (!kidFound)
        return refuse(u"The client assertion names key \"%1\", which is not one of the client's registered keys."_s.arg(kid));
    if (!verified)
        return refuse(u"The client assertion's signature does not verify with the client's registered keys."_s);

    const QJsonObject &c = jwt.payload;
    // RFC 7523 3: iss and sub are the client_id.
    if (c.value(u"iss").toString() != expected.clientId)
        return refuse(u"The client assertion's iss is \"%1\", not the client_id \"%2\"."_s.arg(c.value(u"iss").toString(), expected.clientId));
    if (c.value(u"sub").toString() != expected.clientId)
        return refuse(u"The client assertion's sub is \"%1\", not the client_id \"%2\"."_s.arg(c.value(u"sub").toString(), expected.clientId));
    const QStringList aud = Jwt::audiences(c);
    bool audOk = false;
    for (const QString &a : aud)
        audOk = audOk || expected.audiences.contains(a);
    if (!audOk)
        return refuse(u"The client assertion's aud (%1) names neither this issuer nor this endpoint (%2)."_s
                              .arg(aud.isEmpty() ? u"none"_s : aud.join(u", "), expected.audiences.join(u", ")));
    const auto exp = Jwt::numericDate(c.value(u"exp"));
    if (!exp)
        return refuse(u"The client assertion has no numeric exp."_s);
    if (*exp <= expected.now - expected.leeway)
        return refuse(u"The client assertion expired %1 seconds ago."_s.arg(expected.now - *exp));
    if (*exp > expected.now + MaxLifetimeSeconds + expected.leeway)
        return refuse(u"The client assertion's exp is %1 seconds ahead; at most %2 are accepted."_s.arg(*exp - expected.now).arg(MaxLifetimeSeconds));
    const auto nbf = Jwt::numericDate(c.value(u"nbf"));
    if (c.contains(u"nbf") && (!nbf || *nbf > expected.now + expected.leeway))
        return refuse(u"The client assertion is not valid yet (nbf)."_s);
    r.jti = c.value(u"jti").toString();
    if (r.jti.isEmpty())
        return refuse(u"The client assertion has no jti."_s);
    r.exp = *exp;
    r.ok = true;
    return r;
}

} // namespace ClientAssertionCheck
