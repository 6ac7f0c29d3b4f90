// SPDX-License-Identifier: MIT
// The authorization server's routing, its URLs, discovery and JWKS, and
// the purge of expired state. The endpoint families live beside it:
// authorizeendpoint.cpp, parendpoint.cpp, tokenendpoint.cpp,
// clientauthentication.cpp, registrationendpoint.cpp, sessionendpoints.cpp,
// deviceendpoint.cpp and sandboxpages.cpp.
#include "sandbox/authorizationserver.h"
#include "sandbox/authorizationsupport.h"
#include "sandbox/sandboxdirectory.h"
#include "sandbox/signingkey.h"
#include "sandbox/tenantkey.h"
#include "util/securerandom.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

AuthorizationServer::AuthorizationServer(const SandboxConfig &config, TenantKey &key, QObject *parent)
    : QObject(parent),
      m_config(config),
      m_key(key),
      m_http(
              [this](const HttpRequest &r, const LocalHttpServer::Responder &respond) {
                  // Anything but the metadata documents begins a flow (an authorization or
                  // device request, PAR, registration): the key is on its way while the user
                  // signs in, as when it was made at start, not only once the token is asked for.
                  if (!r.path.startsWith("/.well-known/") || r.path == "/.well-known/jwks.json")
                      m_key.start();
                  if (needsKey(r) && !m_key.isReady())
                      return m_key.whenReady(r, respond, [this](const HttpRequest &q) { return handle(q); });
                  respond(handle(r));
              },
              LocalHttpServer::Options()),
      m_dpop(m_config),
      m_clients(m_config.continuity ? m_config.continuity->clientsFile : QString())
{
    m_clients.load();
}

QString AuthorizationServer::m2mClientSecret() const
{
    if (m_m2mSecret.isEmpty())
        m_m2mSecret = QString::fromLatin1(SecureRandom::token(32));
    return m_m2mSecret;
}

void AuthorizationServer::setSwitches(const SandboxSwitches &switches)
{
    m_config.switches = switches;
    m_dpop.setDemandsNonce(switches.dpopNonce);
}

bool AuthorizationServer::listen(quint16 port)
{
    return m_http.listen(m_config.address, port);
}

QUrl AuthorizationServer::endpoint(const QString &path) const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_http.address().toString());
    url.setPort(m_http.port());
    url.setPath(path);
    return url;
}

QUrl AuthorizationServer::issuer() const
{
    return endpoint(u"/"_s);
}

QUrl AuthorizationServer::registrationEndpoint() const
{
    return endpoint(u"/oidc/register"_s);
}

QUrl AuthorizationServer::userinfoUrl() const
{
    return endpoint(u"/userinfo"_s);
}

bool AuthorizationServer::needsKey(const HttpRequest &request)
{
    const QByteArray &path = request.path;
    return path == "/.well-known/jwks.json" || path == "/oauth/token" || path == "/userinfo" || path == "/oidc/logout"
            || path == "/oauth/introspect"
            || path == "/v2/logout";
}

HttpResponse AuthorizationServer::handle(const HttpRequest &request)
{
    if (needsKey(request) && !m_key.isReady())
        return TenantKey::unavailable();
    purgeExpired();
    const QByteArray &path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    auto methodNotAllowed = [](const QByteArray &allow) {
        HttpResponse r = oauthError(405, u"invalid_request"_s, u"This endpoint does not accept that method."_s);
        r.setHeader("Allow", allow);
        return r;
    };

    // RFC 8414 3: the same document as OAuth 2.0 authorization server metadata.
    if (path == "/.well-known/openid-configuration" || path == "/.well-known/oauth-authorization-server")
        return get ? discovery() : methodNotAllowed("GET");
    if (path == "/.well-known/jwks.json")
        return get ? jwks() : methodNotAllowed("GET");
    if (path == "/authorize")
        return get ? authorize(request) : methodNotAllowed("GET");
    if (path == "/authorize/login")
        return post ? loginSubmit(request) : methodNotAllowed("POST");
    if (path == "/authorize/consent") {
        if (get)
            return consentPage(request);
        return post ? consentSubmit(request) : methodNotAllowed("GET, POST");
    }
    if (path == "/oauth/token")
        return post ? token(request) : methodNotAllowed("POST");
    if (path == "/oauth/par")
        return post ? pushAuthorizationRequest(request) : methodNotAllowed("POST");
    if (path == "/oauth/device/code")
        return post ? deviceAuthorization(request) : methodNotAllowed("POST");
    if (path == "/device")
        return get ? devicePage(request) : methodNotAllowed("GET");
    if (path == "/oidc/register")
        return post ? registerClient(request) : methodNotAllowed("POST");
    if (path == "/userinfo")
        return (get || post) ? userinfo(request) : methodNotAllowed("GET, POST");
    if (path == "/oauth/revoke")
        return post ? revoke(request) : methodNotAllowed("POST");
    if (path == "/oauth/introspect")
        return post ? introspect(request) : methodNotAllowed("POST");
    if (path == "/oidc/logout" || path == "/v2/logout")
        return get ? logout(request) : methodNotAllowed("GET");
    if (path == "/" && get) {
        return errorPage(200, u"TokenLab sandbox tenant"_s,
                         u"This is the TokenLab sandbox's authorization server. Its discovery document is at /.well-known/openid-configuration."_s);
    }
    return errorPage(404, u"Not found"_s, u"The sandbox has no page at this address."_s);
}

HttpResponse AuthorizationServer::discovery() const
{
    const QString iss = issuer().toString();
    QJsonObject d{
        {u"issuer"_s, iss},
        {u"authorization_endpoint"_s, endpoint(u"/authorize"_s).toString()},
        {u"token_endpoint"_s, endpoint(u"/oauth/token"_s).toString()},
        {u"userinfo_endpoint"_s, userinfoUrl().toString()},
        {u"jwks_uri"_s, endpoint(u"/.well-known/jwks.json"_s).toString()},
        {u"revocation_endpoint"_s, endpoint(u"/oauth/revoke"_s).toString()},
        {u"end_session_endpoint"_s, endpoint(u"/oidc/logout"_s).toString()},
        {u"response_types_supported"_s, QJsonArray{u"code"_s}},
        {u"response_modes_supported"_s, QJsonArray{u"query"_s}},
        {u"grant_types_supported"_s, QJsonArray{u"authorization_code"_s, u"refresh_token"_s, u"client_credentials"_s,
                                               u"urn:ietf:params:oauth:grant-type:device_code"_s}},
        {u"subject_types_supported"_s, QJsonArray{u"public"_s}},
        {u"id_token_signing_alg_values_supported"_s, QJsonArray{u"RS256"_s}},
        {u"token_endpoint_auth_methods_supported"_s,
         QJsonArray{u"none"_s, u"client_secret_post"_s, u"client_secret_basic"_s, u"private_key_jwt"_s}},
        {u"token_endpoint_auth_signing_alg_values_supported"_s, QJsonArray::fromStringList(DpopGuard::algorithms())},
        {u"dpop_signing_alg_values_supported"_s, QJsonArray::fromStringList(DpopGuard::algorithms())}, // RFC 9449 5.1
        {u"pushed_authorization_request_endpoint"_s, endpoint(u"/oauth/par"_s).toString()},              // RFC 9126 5
        {u"require_pushed_authorization_requests"_s, m_config.switches.requirePar},
        {u"registration_endpoint"_s, registrationEndpoint().toString()},                                // RFC 7591 3
        {u"device_authorization_endpoint"_s, endpoint(u"/oauth/device/code"_s).toString()},              // RFC 8628 4
        {u"introspection_endpoint"_s, endpoint(u"/oauth/introspect"_s).toString()},                      // RFC 8414 2 (RFC 7662)
        {u"introspection_endpoint_auth_methods_supported"_s,
         QJsonArray{u"none"_s, u"client_secret_post"_s, u"client_secret_basic"_s, u"private_key_jwt"_s}},
        {u"revocation_endpoint_auth_methods_supported"_s,
         QJsonArray{u"none"_s, u"client_secret_post"_s, u"client_secret_basic"_s, u"private_key_jwt"_s}},
        {u"code_challenge_methods_supported"_s, QJsonArray{u"S256"_s}},
        {u"prompt_values_supported"_s, QJsonArray{u"none"_s, u"login"_s, u"consent"_s, u"select_account"_s}},
        {u"claims_supported"_s, QJsonArray{u"sub"_s, u"iss"_s, u"aud"_s, u"exp"_s, u"iat"_s, u"auth_time"_s, u"nonce"_s,
                                         u"name"_s, u"email"_s, u"email_verified"_s}},
        {u"authorization_response_iss_parameter_supported"_s, true}, // RFC 9207
    };
    QJsonArray scopes;
    for (const QString &s : SandboxDirectory::oidcScopes() + SandboxDirectory::apiScopes())
        scopes.append(s);
    d.insert(u"scopes_supported"_s, scopes);
    return HttpResponse::json(200, toJson(d));
}

HttpResponse AuthorizationServer::jwks() const
{
    return HttpResponse::json(200, toJson(QJsonObject{{u"keys"_s, QJsonArray{m_key.key()->publicJwk()}}}));
}

void AuthorizationServer::purgeExpired()
{
    const QDateTime t = now();
    m_transactions.removeIf([&t](const auto &it) { return it.value().expiresAt <= t; });
    // Used codes are kept until they expire so a second use can be detected.
    m_codes.removeIf([&t](const auto &it) { return it.value().expiresAt.addSecs(600) <= t; });
    m_refreshTokens.removeIf([&t](const auto &it) { return it.value().expiresAt <= t; });
    // Used and expired pushed requests stay a while, so /authorize can say which it was.
    m_pushed.removeIf([&t](const auto &it) { return it.value().expiresAt.addSecs(600) <= t; });
    // Expired device codes stay a while, so a late poll hears expired_token.
    m_deviceCodes.removeIf([&t](const auto &it) { return it.value().expiresAt.addSecs(600) <= t; });
    const qint64 secs = t.toSecsSinceEpoch();
    m_assertionJti.removeIf([secs](const auto &it) { return it.value() + 60 < secs; });
}
