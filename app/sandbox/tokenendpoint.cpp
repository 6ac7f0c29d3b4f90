// SPDX-License-Identifier: MIT
// /oauth/token: the three grants (the fourth, device_code, is in deviceendpoint.cpp) and the tokens they issue, Bearer or, with
// a DPoP proof (RFC 9449 5), DPoP-bound. Client authentication is in
// clientauthentication.cpp.
#include "sandbox/authorizationserver.h"
#include "oauth/pkce.h"
#include "sandbox/authorizationsupport.h"
#include "sandbox/sandboxdirectory.h"
#include "sandbox/signingkey.h"
#include "sandbox/tenantkey.h"
#include "util/securerandom.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

HttpResponse AuthorizationServer::oauthError(int status, const QString &error, const QString &description)
{
    // RFC 6749 5.2
    HttpResponse r = HttpResponse::json(status, toJson({{u"error"_s, error}, {u"error_description"_s, description}}));
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("Pragma", "no-cache");
    return r;
}

HttpResponse AuthorizationServer::token(const HttpRequest &request)
{
    std::optional<FormData> form;
    const QByteArray type = request.header("Content-Type").toLower();
    if (type.startsWith("application/x-www-form-urlencoded")) {
        QString why;
        form = FormData::parse(request.body, &why);
        if (!form)
            return oauthError(400, u"invalid_request"_s, u"The form body is malformed: %1."_s.arg(why));
    } else if (type.startsWith("application/json")) {
        // Auth0 accepts JSON bodies too.
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return oauthError(400, u"invalid_request"_s, u"The JSON body is not a JSON object."_s);
        form = FormData();
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isString())
                return oauthError(400, u"invalid_request"_s, u"\"%1\" must be a string."_s.arg(it.key()));
            form->add(it.key(), it.value().toString());
        }
    } else {
        return oauthError(400, u"invalid_request"_s, u"Send the token request as application/x-www-form-urlencoded."_s);
    }
    const QString dup = form->firstDuplicate();
    if (!dup.isEmpty() && dup != u"resource")
        return oauthError(400, u"invalid_request"_s, u"The parameter \"%1\" appears more than once."_s.arg(dup));

    // RFC 9449 5: the proof first, so a client told to fetch a nonce has
    // spent nothing else (its client assertion's jti, its code).
    QString jkt;
    if (request.headerCount("DPoP") > 0) {
        const DpopGuard::Outcome proof = m_dpop.check(request, "POST", endpoint(u"/oauth/token"_s));
        if (!proof.ok)
            return dpopError(proof);
        jkt = proof.thumbprint;
    }
    const ClientAuth client = authenticateClient(request, *form);
    if (client.failed)
        return client.error;
    const QString grantType = form->value(u"grant_type"_s);
    std::optional<HttpResponse> r;
    if (grantType == u"authorization_code")
        r = tokenByCode(*form, client, jkt);
    else if (grantType == u"refresh_token")
        r = tokenByRefresh(*form, client, jkt);
    else if (grantType == u"client_credentials")
        r = tokenByClientCredentials(*form, client, jkt);
    else if (grantType == u"urn:ietf:params:oauth:grant-type:device_code")
        r = tokenByDeviceCode(*form, client, jkt); // deviceendpoint.cpp
    if (r) {
        // RFC 9449 8.2: a token response may carry the next nonce.
        if (r->status == 200 && !jkt.isEmpty() && m_dpop.demandsNonce())
            r->setHeader("DPoP-Nonce", m_dpop.nonce());
        return *r;
    }
    if (grantType.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"grant_type is missing."_s);
    return oauthError(400, u"unsupported_grant_type"_s, u"The grant type \"%1\" is not supported."_s.arg(grantType));
}

HttpResponse AuthorizationServer::dpopError(const DpopGuard::Outcome &outcome)
{
    HttpResponse r = oauthError(400, outcome.error, outcome.description);
    if (outcome.error == u"use_dpop_nonce" || m_dpop.demandsNonce())
        r.setHeader("DPoP-Nonce", m_dpop.nonce());
    return r;
}

HttpResponse AuthorizationServer::tokenByCode(const FormData &form, const ClientAuth &client, const QString &jkt)
{
    const bool mayUse = client.clientId == nativeClient()
            || (client.registered && client.registered->mayUse(u"authorization_code"_s)
                && (client.registered->isPublic() || client.authenticated));
    if (!mayUse)
        return oauthError(400, u"unauthorized_client"_s, u"This client may not use the authorization code grant."_s);
    const QString value = form.value(u"code"_s);
    if (value.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"code is missing."_s);
    auto it = m_codes.find(value);
    if (it == m_codes.end())
        return oauthError(400, u"invalid_grant"_s, u"Invalid authorization code."_s);
    if (it->used) {
        // RFC 6749 4.1.2: a code used twice revokes what it produced.
        revokeFamily(it->grant.family);
        return oauthError(400, u"invalid_grant"_s, u"The authorization code was already used; tokens issued with it are revoked."_s);
    }
    if (now() >= it->expiresAt)
        return oauthError(400, u"invalid_grant"_s, u"The authorization code has expired."_s);
    if (it->grant.clientId != client.clientId)
        return oauthError(400, u"invalid_grant"_s, u"The authorization code was issued to another client."_s);
    // RFC 9449 10: dpop_jkt in the authorization request binds the code to that key.
    if (!it->grant.dpopJkt.isEmpty() && jkt.isEmpty())
        return oauthError(400, u"invalid_dpop_proof"_s, u"The authorization request named a DPoP key (dpop_jkt); exchange the code with a DPoP proof signed by it."_s);
    if (!it->grant.dpopJkt.isEmpty() && jkt != it->grant.dpopJkt)
        return oauthError(400, u"invalid_dpop_proof"_s, u"The DPoP proof is signed by another key than the one named by dpop_jkt in the authorization request."_s);
    it->used = true; // consumed by this attempt, whatever follows
    if (form.value(u"redirect_uri"_s) != it->redirectUri.toString())
        return oauthError(400, u"invalid_grant"_s, u"redirect_uri does not match the one used in the authorization request."_s);
    const QByteArray verifier = form.value(u"code_verifier"_s).toLatin1();
    if (verifier.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"code_verifier is required (PKCE)."_s);
    // RFC 7636 4.6
    if (!Pkce::isValidVerifier(verifier) || !constantTimeEquals(Pkce::challengeS256(verifier), it->codeChallenge))
        return oauthError(400, u"invalid_grant"_s, u"Failed to verify code verifier."_s);

    Grant grant = it->grant;
    grant.family = QString::fromLatin1(SecureRandom::token(12));
    it->grant.family = grant.family;
    return issueTokens(grant, grant.scopes.contains(u"offline_access"_s), jkt);
}

HttpResponse AuthorizationServer::tokenByRefresh(const FormData &form, const ClientAuth &client, const QString &jkt)
{
    const QString value = form.value(u"refresh_token"_s);
    if (value.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"refresh_token is missing."_s);
    auto it = m_refreshTokens.find(value);
    if (it == m_refreshTokens.end())
        return oauthError(400, u"invalid_grant"_s, u"Unknown or revoked refresh token."_s);
    if (it->grant.clientId != client.clientId)
        return oauthError(400, u"invalid_grant"_s, u"The refresh token was issued to another client."_s);
    if (it->rotated) {
        // Reuse of a rotated token means it leaked: end the whole login.
        revokeFamily(it->grant.family);
        return oauthError(400, u"invalid_grant"_s, u"The refresh token was already used; its login was revoked."_s);
    }
    if (now() >= it->expiresAt)
        return oauthError(400, u"invalid_grant"_s, u"The refresh token has expired."_s);
    // RFC 9449 5: a public client's refresh token is bound to its DPoP key.
    if (!it->boundJkt.isEmpty() && jkt.isEmpty())
        return oauthError(400, u"invalid_dpop_proof"_s, u"The refresh token is bound to a DPoP key; refresh with a DPoP proof signed by it."_s);
    if (!it->boundJkt.isEmpty() && jkt != it->boundJkt)
        return oauthError(400, u"invalid_grant"_s, u"The refresh token is bound to another DPoP key than the one that signed this proof."_s);
    Grant grant = it->grant;
    if (form.contains(u"scope"_s)) {
        // RFC 6749 6: the new scope may narrow, never widen.
        const QStringList asked = splitScopes(form.value(u"scope"_s));
        for (const QString &s : asked) {
            if (!grant.scopes.contains(s))
                return oauthError(400, u"invalid_scope"_s, u"The scope \"%1\" was not granted in the original login."_s.arg(s));
        }
        QStringList narrowed;
        for (const QString &s : grant.scopes) {
            if (asked.contains(s) || s == u"offline_access")
                narrowed << s;
        }
        grant.scopes = narrowed;
    }
    it->rotated = true;
    grant.nonce.clear(); // OpenID Connect Core 12.2: no nonce in refreshed id_tokens
    return issueTokens(grant, true, jkt);
}

HttpResponse AuthorizationServer::tokenByClientCredentials(const FormData &form, const ClientAuth &client, const QString &jkt)
{
    const bool mayUse = client.authenticated
            && (client.clientId == m2mClient() || (client.registered && client.registered->mayUse(u"client_credentials"_s)));
    if (!mayUse)
        return oauthError(400, u"unauthorized_client"_s,
                          u"Only the machine-to-machine client and clients registered for client_credentials may use client credentials."_s);
    QString audience = form.value(u"audience"_s);
    if (audience.isEmpty())
        audience = form.value(u"resource"_s);
    if (audience.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"audience is required for client credentials (the API identifier)."_s);
    if (audience != apiAudience())
        return oauthError(403, u"access_denied"_s, u"Service not found: %1"_s.arg(audience));
    Grant grant;
    grant.clientId = client.clientId;
    grant.audience = audience;
    grant.scopes = SandboxDirectory::m2mScopes();
    if (form.contains(u"scope"_s)) {
        const QStringList asked = splitScopes(form.value(u"scope"_s));
        for (const QString &s : asked) {
            if (!grant.scopes.contains(s))
                return oauthError(403, u"access_denied"_s, u"Client has not been granted scopes: %1"_s.arg(s));
        }
        grant.scopes = asked;
    }
    return issueTokens(grant, false, jkt);
}

HttpResponse AuthorizationServer::issueTokens(const Grant &grant, bool withRefresh, const QString &jkt)
{
    const QDateTime issuedAt = now();
    const qint64 iat = issuedAt.toSecsSinceEpoch();
    const int lifetime = grant.tokenLifetime > 0 ? grant.tokenLifetime : m_config.tokenLifetimeSeconds;
    const qint64 exp = iat + lifetime;
    const bool openid = grant.scopes.contains(u"openid"_s) && !grant.userId.isEmpty();
    const QString iss = issuer().toString();

    QJsonObject at{{u"iss"_s, iss},
                   {u"iat"_s, iat},
                   {u"exp"_s, exp},
                   {u"azp"_s, grant.clientId},
                   {u"jti"_s, QString::fromLatin1(SecureRandom::token(16))},
                   {u"scope"_s, grant.scopes.join(u' ')}};
    if (grant.userId.isEmpty()) {
        at.insert(u"sub"_s, QString(grant.clientId + u"@clients"_s));
        at.insert(u"gty"_s, u"client-credentials"_s);
    } else {
        at.insert(u"sub"_s, QString(u"sandbox|"_s + grant.userId));
    }
    // Auth0: the API identifier, plus the userinfo URL when openid was granted.
    QJsonArray aud;
    if (!grant.audience.isEmpty())
        aud.append(grant.audience);
    if (openid)
        aud.append(userinfoUrl().toString());
    if (aud.size() == 1)
        at.insert(u"aud"_s, aud.first());
    else if (!aud.isEmpty())
        at.insert(u"aud"_s, aud);
    else
        at.insert(u"aud"_s, userinfoUrl().toString());

    if (!jkt.isEmpty())
        at.insert(u"cnf"_s, QJsonObject{{u"jkt"_s, jkt}}); // RFC 9449 6.1

    QJsonObject response{{u"access_token"_s, QString::fromLatin1(m_key.key()->signRs256({{u"typ"_s, u"at+jwt"_s}}, at))},
                         {u"token_type"_s, jkt.isEmpty() ? u"Bearer"_s : u"DPoP"_s},
                         {u"expires_in"_s, lifetime},
                         {u"scope"_s, grant.scopes.join(u' ')}};
    if (openid) {
        const SandboxUser *user = SandboxDirectory::user(grant.userId);
        QJsonObject id{{u"iss"_s, iss},
                       {u"sub"_s, QString(u"sandbox|"_s + grant.userId)},
                       {u"aud"_s, grant.clientId},
                       {u"iat"_s, iat},
                       {u"exp"_s, exp},
                       {u"auth_time"_s, grant.authTime.toSecsSinceEpoch()}};
        if (!grant.nonce.isEmpty())
            id.insert(u"nonce"_s, grant.nonce);
        if (user && grant.scopes.contains(u"profile"_s)) {
            id.insert(u"name"_s, user->name);
            id.insert(u"nickname"_s, user->id);
        }
        if (user && grant.scopes.contains(u"email"_s)) {
            id.insert(u"email"_s, user->email);
            id.insert(u"email_verified"_s, true);
        }
        response.insert(u"id_token"_s, QString::fromLatin1(m_key.key()->signRs256({{u"typ"_s, u"JWT"_s}}, id)));
    }
    if (withRefresh) {
        const QString rt = QString::fromLatin1(SecureRandom::token(32));
        evictOldest(m_refreshTokens, MaxRefreshTokens);
        // RFC 9449 5: bound for a public client, which has no other proof of who it is.
        const QString bound = isPublicClient(grant.clientId) ? jkt : QString();
        m_refreshTokens.insert(rt, RefreshToken{grant, issuedAt.addSecs(m_config.refreshLifetimeSeconds), false, bound});
        response.insert(u"refresh_token"_s, rt);
    }
    HttpResponse r = HttpResponse::json(200, toJson(response));
    r.setHeader("Cache-Control", "no-store");
    r.setHeader("Pragma", "no-cache");
    return r;
}

void AuthorizationServer::revokeFamily(const QString &family)
{
    if (family.isEmpty())
        return;
    for (auto it = m_refreshTokens.begin(); it != m_refreshTokens.end();) {
        if (it->grant.family == family)
            it = m_refreshTokens.erase(it);
        else
            ++it;
    }
}
