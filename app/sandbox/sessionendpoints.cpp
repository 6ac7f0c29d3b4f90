// SPDX-License-Identifier: MIT
// What a signed-in client does afterwards: /userinfo (Bearer or DPoP), /oauth/revoke
// (RFC 7009) and /oidc/logout (RP-initiated logout, and Auth0's /v2/logout).
#include "sandbox/authorizationserver.h"
#include "sandbox/accesstokenverifier.h"
#include "sandbox/authorizationsupport.h"
#include "sandbox/sandboxdirectory.h"
#include "sandbox/sessioncookie.h"
#include "sandbox/signingkey.h"
#include "sandbox/tenantkey.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

HttpResponse AuthorizationServer::userinfo(const HttpRequest &request)
{
    const auto bearer = AccessTokenVerifier::bearerToken(request);
    const QByteArray dpop = DpopGuard::dpopToken(request);
    auto unauthorized = [](const QByteArray &challenge, const QString &error = u"invalid_token"_s) {
        HttpResponse r = HttpResponse::json(401, toJson({{u"error"_s, error}}));
        r.setHeader("WWW-Authenticate", challenge);
        return r;
    };
    if (!bearer && dpop.isEmpty())
        return unauthorized(AccessTokenVerifier::challenge());
    const QByteArray token = bearer ? *bearer : dpop;
    const AccessTokenVerifier verifier(m_key.key()->publicJwk(), issuer().toString(), m_config.leewaySeconds, m_config.clock);
    const AccessTokenCheck check = verifier.verify(token, userinfoUrl().toString());
    if (!check.ok)
        return unauthorized(bearer ? AccessTokenVerifier::challenge(u"invalid_token"_s, check.description)
                                   : DpopGuard::challenge(u"invalid_token"_s, check.description));
    // RFC 9449 7: a bound token comes with a proof for this request, never as Bearer.
    const QString jkt = check.claims.value(u"cnf"_s).toObject().value(u"jkt"_s).toString();
    if (bearer && !jkt.isEmpty())
        return unauthorized(DpopGuard::challenge(u"invalid_token"_s, u"The access token is DPoP-bound (cnf.jkt); send it as Authorization: DPoP with a DPoP proof, not as Bearer."_s));
    if (!bearer) {
        if (jkt.isEmpty())
            return unauthorized(DpopGuard::challenge(u"invalid_token"_s, u"The access token is not DPoP-bound (it has no cnf.jkt); send it as Bearer."_s));
        const DpopGuard::Outcome proof = m_dpop.check(request, request.method, userinfoUrl(), QString::fromLatin1(token), jkt);
        if (!proof.ok) {
            HttpResponse r = unauthorized(DpopGuard::challenge(proof.error, proof.description), proof.error);
            if (m_dpop.demandsNonce())
                r.setHeader("DPoP-Nonce", m_dpop.nonce());
            return r;
        }
    }
    const QString sub = check.claims.value(u"sub").toString();
    const QStringList scopes = check.claims.value(u"scope").toString().split(u' ');
    QJsonObject info{{u"sub"_s, sub}};
    const SandboxUser *user = sub.startsWith(u"sandbox|") ? SandboxDirectory::user(sub.mid(8)) : nullptr;
    if (user && scopes.contains(u"profile"_s)) {
        info.insert(u"name"_s, user->name);
        info.insert(u"nickname"_s, user->id);
    }
    if (user && scopes.contains(u"email"_s)) {
        info.insert(u"email"_s, user->email);
        info.insert(u"email_verified"_s, true);
    }
    return HttpResponse::json(200, toJson(info));
}

HttpResponse AuthorizationServer::revoke(const HttpRequest &request)
{
    const auto form = FormData::parse(request.body);
    if (!form || !request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded"))
        return oauthError(400, u"invalid_request"_s, u"Send the revocation request as application/x-www-form-urlencoded."_s);
    const ClientAuth client = authenticateClient(request, *form);
    if (client.failed)
        return client.error;
    const QString value = form->value(u"token"_s);
    if (value.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"token is missing."_s);
    auto it = m_refreshTokens.find(value);
    if (it != m_refreshTokens.end() && it->grant.clientId == client.clientId)
        revokeFamily(it->grant.family);
    // RFC 7009 2.2: 200 whether or not the token was known.
    HttpResponse r;
    r.status = 200;
    r.setHeader("Cache-Control", "no-store");
    return r;
}

HttpResponse AuthorizationServer::logout(const HttpRequest &request)
{
    const auto q = FormData::parse(request.query);
    if (!q)
        return errorPage(400, u"The logout request is malformed"_s, u"Its query string could not be read."_s);
    QString clientId = q->value(u"client_id"_s);
    if (clientId.isEmpty() && q->contains(u"id_token_hint"_s)) {
        const AccessTokenVerifier verifier(m_key.key()->publicJwk(), issuer().toString(), m_config.leewaySeconds,
                                           [] { return QDateTime::fromSecsSinceEpoch(0); }); // an expired hint still names its client
        const AccessTokenCheck check = verifier.verify(q->value(u"id_token_hint"_s).toLatin1(), nativeClient());
        if (!check.ok)
            return errorPage(400, u"Invalid id_token_hint"_s, check.description);
        clientId = nativeClient();
    }
    const QString returnTo = q->contains(u"post_logout_redirect_uri"_s) ? q->value(u"post_logout_redirect_uri"_s)
                                                                        : q->value(u"returnTo"_s); // Auth0 /v2/logout
    QUrl target;
    if (!returnTo.isEmpty()) {
        target = QUrl(returnTo, QUrl::StrictMode);
        if (clientId != nativeClient())
            return errorPage(400, u"Unknown client"_s, u"Name the client with client_id or id_token_hint to return to it after logout."_s);
        if (!isLoopbackRedirect(target))
            return errorPage(400, u"Logout redirect not allowed"_s, u"\"%1\" is not a loopback address."_s.arg(returnTo));
    }
    for (const QString &sid : SessionCookie::values(request.header("Cookie")))
        m_sessions.remove(sid);
    HttpResponse r;
    if (target.isValid() && !target.isEmpty()) {
        FormData params;
        if (q->contains(u"state"_s))
            params.add(u"state"_s, q->value(u"state"_s));
        r = params.isEmpty() ? HttpResponse::redirect(target) : redirectToClient(target, params);
    } else {
        r = errorPage(200, u"Signed out"_s, u"You are signed out of the TokenLab sandbox. You can close this tab."_s);
    }
    r.setHeader("Set-Cookie", SessionCookie::clear());
    return r;
}
