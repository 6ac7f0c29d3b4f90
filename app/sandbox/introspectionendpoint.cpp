// SPDX-License-Identifier: MIT
// /oauth/introspect (RFC 7662): what the tenant says of a token it issued.
// The caller authenticates as at the token endpoint (a public client by its
// client_id alone, as everything in the sandbox); a client learns only of
// its own tokens, and of anything else that it is not active (2.2).
#include "sandbox/authorizationserver.h"
#include "jose/jwt.h"
#include "sandbox/accesstokenverifier.h"
#include "sandbox/authorizationsupport.h"
#include "sandbox/signingkey.h"
#include "sandbox/tenantkey.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

HttpResponse AuthorizationServer::introspect(const HttpRequest &request)
{
    const auto form = FormData::parse(request.body);
    if (!form || !request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded"))
        return oauthError(400, u"invalid_request"_s, u"Send the introspection request as application/x-www-form-urlencoded."_s);
    const ClientAuth client = authenticateClient(request, *form);
    if (client.failed)
        return client.error;
    if (client.clientId.isEmpty())
        return oauthError(401, u"invalid_client"_s, u"Say which client asks: client_id, or client authentication."_s);
    const QString value = form->value(u"token"_s);
    if (value.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"token is missing."_s);
    const QString hint = form->value(u"token_type_hint"_s);

    auto answer = [](const QJsonObject &o) {
        HttpResponse r = HttpResponse::json(200, toJson(o));
        r.setHeader("Cache-Control", "no-store");
        return r;
    };
    const QJsonObject inactive{{u"active"_s, false}};

    // A refresh token: the tenant's own record of it (the hint only orders the search, 2.1).
    auto refresh = [&]() -> std::optional<QJsonObject> {
        const auto it = m_refreshTokens.constFind(value);
        if (it == m_refreshTokens.constEnd())
            return std::nullopt;
        if (it->rotated || it->expiresAt <= now() || it->grant.clientId != client.clientId)
            return inactive;
        QJsonObject o{{u"active"_s, true},
                      {u"token_type"_s, u"refresh_token"_s},
                      {u"client_id"_s, it->grant.clientId},
                      {u"scope"_s, it->grant.scopes.join(u' ')},
                      {u"iss"_s, issuer().toString()},
                      {u"exp"_s, it->expiresAt.toSecsSinceEpoch()}};
        if (!it->grant.userId.isEmpty())
            o.insert(u"sub"_s, QString(u"sandbox|"_s + it->grant.userId));
        if (!it->boundJkt.isEmpty())
            o.insert(u"cnf"_s, QJsonObject{{u"jkt"_s, it->boundJkt}});
        return o;
    };
    // An access token: a JWT this tenant signed, still within its lifetime.
    auto access = [&]() -> std::optional<QJsonObject> {
        const DecodedJwt jwt = Jwt::decode(value.toLatin1());
        if (!jwt.ok() || jwt.kind != JwtKind::Jws)
            return std::nullopt;
        const QJsonValue aud = jwt.payload.value(u"aud"_s);
        const QString audience = aud.isArray() ? aud.toArray().first().toString() : aud.toString();
        const AccessTokenVerifier verifier(m_key.key()->publicJwk(), issuer().toString(), m_config.leewaySeconds, m_config.clock);
        const AccessTokenCheck check = verifier.verify(value.toLatin1(), audience);
        if (!check.ok || check.claims.value(u"azp"_s).toString() != client.clientId)
            return inactive;
        QJsonObject o{{u"active"_s, true}, {u"client_id"_s, client.clientId}};
        for (const char *claim : {"scope", "sub", "aud", "iss", "exp", "iat", "jti", "cnf"}) {
            const QString name = QString::fromLatin1(claim);
            if (check.claims.contains(name))
                o.insert(name, check.claims.value(name));
        }
        o.insert(u"token_type"_s, check.claims.contains(u"cnf"_s) ? u"DPoP"_s : u"Bearer"_s);
        return o;
    };
    const bool refreshFirst = hint == u"refresh_token";
    for (int pass = 0; pass < 2; ++pass) {
        const std::optional<QJsonObject> found = (pass == 0) == refreshFirst ? refresh() : access();
        if (found)
            return answer(*found);
    }
    return answer(inactive);
}
