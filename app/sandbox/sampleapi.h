// SPDX-License-Identifier: MIT
// The Auth0 quickstart sample API on its own loopback port:
//   GET /api/public          200, no token needed
//   GET /api/private         200 with a valid access token for the API, else 401
//   GET /api/private-scoped  as private, plus scope read:messages, else 403
// 401 and 403 carry RFC 6750 challenges exactly as express-oauth2-jwt-bearer
// writes them, so TokenLab's explanations work the same on both.
// DPoP (RFC 9449 7): "Authorization: DPoP <token>" with a proof for this
// request (ath, htm, htu, the token's cnf.jkt; replays refused) is taken in
// both modes; a DPoP-bound token sent as Bearer never is; in "required" mode
// a Bearer token is refused too. Their challenges are DPoP ones (7.1).
// RFC 9728: GET /.well-known/oauth-protected-resource names the API's
// resource identifier (its URL), its authorization server and scopes, and
// a 401 for a request without a token points at it with resource_metadata.
#pragma once

#include "sandbox/accesstokenverifier.h"
#include "http/localhttpserver.h"
#include "sandbox/dpopguard.h"
#include "sandbox/sandboxconfig.h"

#include <QObject>
#include <QUrl>
#include <optional>

class TenantKey;

class SampleApi : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SampleApi)

public:
    // Tokens are verified with key (once it is ready; until then the private
    // endpoints wait for it) and must come from issuer for audience.
    SampleApi(const SandboxConfig &config, TenantKey &key, QString issuer, QString audience, QObject *parent = nullptr);

    bool listen(quint16 port); // 0 picks a free port
    QString errorString() const { return m_http.errorString(); }
    quint16 port() const { return m_http.port(); }
    QUrl baseUrl() const;
    QString resourceIdentifier() const { return baseUrl().toString(); }
    QUrl resourceMetadataUrl() const;

    // Answers at once; 503 for a private endpoint before the key is ready.
    HttpResponse handle(const HttpRequest &request);
    // From the next request on (the window's File ▸ Sandbox tenant menu).
    void setSwitches(const SandboxSwitches &switches);
    static bool needsKey(const HttpRequest &request);

private:
    HttpResponse refuse(int status, const QByteArray &challenge, const QString &message) const;
    HttpResponse resourceMetadata() const;
    // RFC 9728 5.1: a 401's challenge names the metadata.
    HttpResponse withResourceMetadata(HttpResponse response) const;
    // RFC 9449 7.1: a DPoP challenge with the accepted algorithms.
    HttpResponse refuseDpop(const QString &error, const QString &description);
    // The token's scheme and its checks; nullopt when the request may go on.
    std::optional<HttpResponse> checkAuthorization(const HttpRequest &request, QJsonObject *claims);

    SandboxConfig m_config;
    TenantKey &m_key;
    QString m_issuer;
    std::optional<AccessTokenVerifier> m_verifier; // made once the key is ready
    QString m_audience;
    DpopGuard m_dpop;
    LocalHttpServer m_http;
};
