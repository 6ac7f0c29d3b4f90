// SPDX-License-Identifier: MIT
#include "sandbox/sampleapi.h"
#include "http/formencoding.h"
#include "sandbox/sandboxdirectory.h"
#include "sandbox/signingkey.h"
#include "sandbox/tenantkey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

HttpResponse message(int status, const QString &text)
{
    return HttpResponse::json(status, QJsonDocument(QJsonObject{{u"message"_s, text}}).toJson(QJsonDocument::Compact));
}

} // namespace

SampleApi::SampleApi(const SandboxConfig &config, TenantKey &key, QString issuer, QString audience, QObject *parent)
    : QObject(parent),
      m_config(config),
      m_key(key),
      m_issuer(std::move(issuer)),
      m_audience(std::move(audience)),
      m_dpop(config),
      m_http(
              [this](const HttpRequest &r, const LocalHttpServer::Responder &respond) {
                  if (needsKey(r) && !m_key.isReady())
                      return m_key.whenReady(r, respond, [this](const HttpRequest &q) { return handle(q); });
                  respond(handle(r));
              },
              LocalHttpServer::Options())
{
}

bool SampleApi::needsKey(const HttpRequest &request)
{
    return request.path == "/api/private" || request.path == "/api/private-scoped";
}

bool SampleApi::listen(quint16 port)
{
    return m_http.listen(m_config.address, port);
}

QUrl SampleApi::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_http.address().toString());
    url.setPort(m_http.port());
    return url;
}

QUrl SampleApi::resourceMetadataUrl() const
{
    QUrl url = baseUrl();
    url.setPath(u"/.well-known/oauth-protected-resource"_s);
    return url;
}

HttpResponse SampleApi::resourceMetadata() const
{
    // RFC 9728 2
    const QJsonObject m{
            {u"resource"_s, resourceIdentifier()},
            {u"authorization_servers"_s, QJsonArray{m_issuer}},
            {u"scopes_supported"_s, QJsonArray::fromStringList(SandboxDirectory::apiScopes())},
            {u"bearer_methods_supported"_s, QJsonArray{u"header"_s}},
            {u"dpop_signing_alg_values_supported"_s, QJsonArray::fromStringList(DpopGuard::algorithms())},
            {u"dpop_bound_access_tokens_required"_s, m_config.switches.apiDpop == ApiDpopMode::Required},
            {u"resource_name"_s, u"TokenLab sandbox sample API"_s},
    };
    return HttpResponse::json(200, QJsonDocument(m).toJson(QJsonDocument::Compact));
}

HttpResponse SampleApi::withResourceMetadata(HttpResponse response) const
{
    response.setHeader("WWW-Authenticate",
                       response.header("WWW-Authenticate") + ", resource_metadata=\"" + resourceMetadataUrl().toEncoded() + '"');
    return response;
}

HttpResponse SampleApi::refuse(int status, const QByteArray &challenge, const QString &text) const
{
    HttpResponse r = message(status, text);
    r.setHeader("WWW-Authenticate", challenge);
    return r;
}

HttpResponse SampleApi::refuseDpop(const QString &error, const QString &description)
{
    HttpResponse r = refuse(error == u"invalid_request" ? 400 : 401, DpopGuard::challenge(error, description),
                            description.isEmpty() ? u"Unauthorized"_s : description);
    // RFC 9449 9: the nonce to use, with use_dpop_nonce and on any DPoP refusal while nonces are demanded.
    if (m_dpop.demandsNonce())
        r.setHeader("DPoP-Nonce", m_dpop.nonce());
    return r;
}

std::optional<HttpResponse> SampleApi::checkAuthorization(const HttpRequest &request, QJsonObject *claims)
{
    const bool required = m_config.switches.apiDpop == ApiDpopMode::Required;
    // RFC 9449 7.1: "Authorization: DPoP <token>"; the scheme is case-insensitive.
    const QByteArray dpopToken = DpopGuard::dpopToken(request);
    const auto bearer = AccessTokenVerifier::bearerToken(request);
    // RFC 6750 3.1: a token sent two ways at once is an invalid request. The
    // query alone is not read at all (RFC 6750 2.3 advises against it).
    const bool inQuery = FormData::parse(request.query).value_or(FormData()).contains(u"access_token"_s);
    if (request.headerCount("Authorization") > 1)
        return refuse(400, AccessTokenVerifier::challenge(u"invalid_request"_s, u"More than one Authorization header"_s),
                      u"More than one Authorization header"_s);
    if ((bearer || !dpopToken.isEmpty()) && inQuery)
        return refuse(400, AccessTokenVerifier::challenge(u"invalid_request"_s, u"More than one method used for authentication"_s),
                      u"More than one method used for authentication"_s);
    if (!bearer && dpopToken.isEmpty())
        return withResourceMetadata(required ? refuseDpop({}, {}) : refuse(401, AccessTokenVerifier::challenge(), u"Unauthorized"_s));
    if (!m_verifier) {
        if (!m_key.isReady())
            return TenantKey::unavailable();
        m_verifier.emplace(m_key.key()->publicJwk(), m_issuer, m_config.leewaySeconds, m_config.clock);
    }
    const QByteArray token = bearer ? *bearer : dpopToken;
    const AccessTokenCheck check = m_verifier->verify(token, m_audience);
    if (!check.ok) {
        if (bearer && !required)
            return refuse(401, AccessTokenVerifier::challenge(u"invalid_token"_s, check.description), check.description);
        return refuseDpop(u"invalid_token"_s, check.description);
    }
    const QString jkt = check.claims.value(u"cnf"_s).toObject().value(u"jkt"_s).toString();
    if (bearer) {
        // RFC 9449 7.2: a DPoP-bound token is never accepted as a bearer token.
        if (!jkt.isEmpty())
            return refuseDpop(u"invalid_token"_s, u"The access token is DPoP-bound (cnf.jkt); send it as Authorization: DPoP with a DPoP proof, not as Bearer."_s);
        if (required)
            return refuseDpop(u"invalid_token"_s, u"This API accepts only DPoP-bound access tokens sent with a DPoP proof."_s);
    } else {
        if (jkt.isEmpty())
            return refuseDpop(u"invalid_token"_s, u"The access token is not DPoP-bound (it has no cnf.jkt); a DPoP proof cannot be checked against it."_s);
        QUrl url = baseUrl();
        url.setPath(QString::fromLatin1(request.path));
        const DpopGuard::Outcome proof = m_dpop.check(request, request.method, url, QString::fromLatin1(token), jkt);
        if (!proof.ok)
            return refuseDpop(proof.error, proof.description);
    }
    *claims = check.claims;
    return std::nullopt;
}

void SampleApi::setSwitches(const SandboxSwitches &switches)
{
    m_config.switches = switches;
    m_dpop.setDemandsNonce(switches.dpopNonce);
}

HttpResponse SampleApi::handle(const HttpRequest &request)
{
    const QByteArray &path = request.path;
    if (path == "/.well-known/oauth-protected-resource") {
        if (request.method == "GET" || request.method == "HEAD")
            return resourceMetadata();
        HttpResponse r = message(405, u"Only GET is allowed here."_s);
        r.setHeader("Allow", "GET");
        return r;
    }
    const bool known = path == "/api/public" || path == "/api/private" || path == "/api/private-scoped";
    if (!known)
        return message(404, u"Not found. The sample API has /api/public, /api/private and /api/private-scoped."_s);
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse r = message(405, u"Only GET is allowed here."_s);
        r.setHeader("Allow", "GET");
        return r;
    }
    if (path == "/api/public")
        return message(200, u"Hello from a public endpoint! You don't need to be authenticated to see this."_s);

    QJsonObject claims;
    if (auto refusal = checkAuthorization(request, &claims))
        return *refusal;
    if (path == "/api/private")
        return message(200, u"Hello from a private endpoint! You need to be authenticated to see this."_s);

    const QStringList scopes = claims.value(u"scope").toString().split(u' ', Qt::SkipEmptyParts);
    if (!scopes.contains(u"read:messages"_s)) {
        return refuse(403, AccessTokenVerifier::challenge(u"insufficient_scope"_s, u"Insufficient Scope"_s, u"read:messages"_s),
                      u"Insufficient Scope"_s);
    }
    return message(200, u"Hello from a private endpoint! You need to be authenticated and have a scope of read:messages to see this."_s);
}
