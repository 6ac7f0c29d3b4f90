#include "api/probecases.h"
#include "jose/base64url.h"
#include "jose/jwt.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

QByteArray bearer(const QByteArray &t)
{
    return "Bearer " + t;
}

// The token with one character of its signature changed.
QByteArray alterSignature(const QByteArray &token)
{
    const QList<QByteArray> p = token.split('.');
    if (p.size() != 3 || p.at(2).size() < 8)
        return token + "x";
    QByteArray sig = Base64Url::decode(p.at(2)).value_or(QByteArray());
    if (sig.isEmpty())
        return token + "x";
    sig[sig.size() / 2] = char(sig.at(sig.size() / 2) ^ 0x5a);
    return p.at(0) + '.' + p.at(1) + '.' + Base64Url::encode(sig);
}

// The token with a payload claim changed (sub), its signature kept.
QByteArray alterPayload(const QByteArray &token)
{
    const DecodedJwt jwt = Jwt::decode(token);
    const QList<QByteArray> p = token.split('.');
    if (!jwt.ok() || jwt.kind != JwtKind::Jws)
        return token;
    QJsonObject claims = jwt.payload;
    claims.insert(u"sub"_s, QString(claims.value(u"sub").toString() + u"-altered"_s));
    claims.insert(u"scope"_s, QString(claims.value(u"scope").toString() + u" admin"_s));
    return p.at(0) + '.' + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + p.at(2);
}

// The same claims under alg "none" and an empty signature.
QByteArray algNone(const QByteArray &token)
{
    const QList<QByteArray> p = token.split('.');
    if (p.size() != 3)
        return token;
    return Base64Url::encode(R"({"alg":"none","typ":"JWT"})") + '.' + p.at(1) + '.';
}

} // namespace

namespace ProbeCases {

QList<ProbeCase> generate(const ProbeEndpoint &endpoint, const ProbeTokens &tokens)
{
    QList<ProbeCase> out;
    if (endpoint.need == ProbeEndpoint::Need::Public) {
        out.append({u"no-token"_s, u"no Authorization header"_s, {}, {200}, {},
                    u"a public endpoint refused a request without a token"_s});
        if (!tokens.good.isEmpty())
            out.append({u"valid-token"_s, u"the real token"_s, bearer(tokens.good), {200}, {},
                        u"a public endpoint refused a valid token"_s});
        return out;
    }
    const QList<int> unauthorized{401};
    out.append({u"no-token"_s, u"no Authorization header"_s, {}, unauthorized, {},
                u"answered without any token: the endpoint is not protected"_s});
    // RFC 6750 3.1: a malformed request may be 400 (invalid_request) or answered as no token.
    out.append({u"basic-scheme"_s, u"a Basic (non-Bearer) Authorization header"_s, "Basic dG9rZW5sYWI6cHJvYmU=", {400, 401}, {},
                u"accepted Basic credentials where a Bearer token was required"_s});
    out.append({u"malformed-token"_s, u"a malformed token"_s, "Bearer not-a-jwt.%%%", unauthorized, u"invalid_token"_s,
                u"accepted a malformed token: the API does not parse tokens"_s});
    if (tokens.good.isEmpty())
        return out;
    out.append({u"signature-altered"_s, u"the real token with its signature altered"_s, bearer(alterSignature(tokens.good)), unauthorized,
                u"invalid_token"_s, u"accepted a token whose signature was altered: the API does not verify signatures"_s});
    out.append({u"payload-altered"_s, u"the real token with a claim altered (signature now invalid)"_s, bearer(alterPayload(tokens.good)),
                unauthorized, u"invalid_token"_s, u"accepted a token whose claims were altered after signing: the API does not verify signatures"_s});
    out.append({u"alg-none"_s, u"the same claims with alg \"none\" and no signature"_s, bearer(algNone(tokens.good)), unauthorized,
                u"invalid_token"_s, u"accepted an unsigned token (alg none): the API takes the algorithm from the token"_s});
    out.append({u"valid-token"_s, u"the real token"_s, bearer(tokens.good), {200}, {},
                u"refused a valid token with the needed scopes"_s});
    if (!tokens.narrow.isEmpty() && endpoint.need == ProbeEndpoint::Need::Scopes)
        out.append({u"missing-scope"_s, u"a valid token without %1"_s.arg(endpoint.scopes.join(u' ')), bearer(tokens.narrow), {403},
                    u"insufficient_scope"_s, u"accepted a token without %1: the API does not check scopes"_s.arg(endpoint.scopes.join(u' '))});
    if (!tokens.otherAudience.isEmpty())
        out.append({u"other-audience"_s, u"a valid token for another audience"_s, bearer(tokens.otherAudience), unauthorized,
                    u"invalid_token"_s, u"accepted a token issued for another audience: the API does not check aud"_s});
    if (!tokens.expired.isEmpty())
        out.append({u"expired"_s, u"an expired token"_s, bearer(tokens.expired), unauthorized, u"invalid_token"_s,
                    u"accepted an expired token: the API does not check exp"_s});
    return out;
}

} // namespace ProbeCases
