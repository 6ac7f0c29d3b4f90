// /oauth/token: client authentication (none, client_secret_post,
// client_secret_basic) and the three grants, and the tokens they issue.
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

AuthorizationServer::ClientAuth AuthorizationServer::authenticateClient(const HttpRequest &request,
                                                                        const FormData &form) const
{
    ClientAuth auth;
    QString secret;
    bool hasSecret = false;
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.isEmpty()) {
        // RFC 6749 2.3.1: client_secret_basic, form-encoded id and secret.
        if (authorization.left(6).compare("Basic ", Qt::CaseInsensitive) != 0) {
            auth.failed = true;
            auth.error = oauthError(401, u"invalid_client"_s, u"Only Basic client authentication is accepted in the Authorization header."_s);
            return auth;
        }
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        const auto id = colon > 0 ? FormData::parse("x=" + decoded.left(colon)) : std::nullopt;
        const auto pw = colon > 0 ? FormData::parse("x=" + decoded.mid(colon + 1)) : std::nullopt;
        if (!id || !pw) {
            auth.failed = true;
            auth.error = oauthError(401, u"invalid_client"_s, u"The Basic credentials are malformed."_s);
            auth.error.setHeader("WWW-Authenticate", "Basic realm=\"sandbox\"");
            return auth;
        }
        auth.clientId = id->value(u"x"_s);
        secret = pw->value(u"x"_s);
        hasSecret = true;
        auth.usedBasic = true;
        if (form.contains(u"client_secret"_s)) {
            auth.failed = true;
            auth.error = oauthError(400, u"invalid_request"_s, u"Use one client authentication method, not Basic and client_secret together."_s);
            return auth;
        }
        if (form.contains(u"client_id"_s) && form.value(u"client_id"_s) != auth.clientId) {
            auth.failed = true;
            auth.error = oauthError(400, u"invalid_request"_s, u"client_id in the body differs from the Basic credentials."_s);
            return auth;
        }
    } else {
        auth.clientId = form.value(u"client_id"_s);
        hasSecret = form.contains(u"client_secret"_s);
        secret = form.value(u"client_secret"_s);
    }

    auto reject = [&auth](const QString &why) {
        auth.failed = true;
        auth.error = oauthError(401, u"invalid_client"_s, why);
        if (auth.usedBasic)
            auth.error.setHeader("WWW-Authenticate", "Basic realm=\"sandbox\"");
    };
    if (auth.clientId.isEmpty()) {
        reject(u"client_id is missing."_s);
    } else if (auth.clientId == nativeClient()) {
        if (hasSecret)
            reject(u"The native client is a public client and has no secret."_s);
    } else if (auth.clientId == m2mClient()) {
        if (!hasSecret)
            reject(u"The machine-to-machine client must authenticate with its secret."_s);
        else if (!constantTimeEquals(secret.toUtf8(), m_m2mSecret.toUtf8()))
            reject(u"Wrong client secret."_s);
        else
            auth.authenticated = true;
    } else {
        reject(u"Unknown client \"%1\"."_s.arg(auth.clientId));
    }
    return auth;
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

    const ClientAuth client = authenticateClient(request, *form);
    if (client.failed)
        return client.error;
    const QString grantType = form->value(u"grant_type"_s);
    if (grantType == u"authorization_code")
        return tokenByCode(*form, client);
    if (grantType == u"refresh_token")
        return tokenByRefresh(*form, client);
    if (grantType == u"client_credentials")
        return tokenByClientCredentials(*form, client);
    if (grantType.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"grant_type is missing."_s);
    return oauthError(400, u"unsupported_grant_type"_s, u"The grant type \"%1\" is not supported."_s.arg(grantType));
}

HttpResponse AuthorizationServer::tokenByCode(const FormData &form, const ClientAuth &client)
{
    if (client.clientId != nativeClient())
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
    return issueTokens(grant, grant.scopes.contains(u"offline_access"_s));
}

HttpResponse AuthorizationServer::tokenByRefresh(const FormData &form, const ClientAuth &client)
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
    return issueTokens(grant, true);
}

HttpResponse AuthorizationServer::tokenByClientCredentials(const FormData &form, const ClientAuth &client)
{
    if (client.clientId != m2mClient() || !client.authenticated)
        return oauthError(400, u"unauthorized_client"_s, u"Only the machine-to-machine client may use client credentials."_s);
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
    return issueTokens(grant, false);
}

HttpResponse AuthorizationServer::issueTokens(const Grant &grant, bool withRefresh)
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

    QJsonObject response{{u"access_token"_s, QString::fromLatin1(m_key.key()->signRs256({{u"typ"_s, u"at+jwt"_s}}, at))},
                         {u"token_type"_s, u"Bearer"_s},
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
        m_refreshTokens.insert(rt, RefreshToken{grant, issuedAt.addSecs(m_config.refreshLifetimeSeconds), false});
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
