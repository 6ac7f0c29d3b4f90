// The Auth0 quickstart sample API on its own loopback port:
//   GET /api/public          200, no token needed
//   GET /api/private         200 with a valid access token for the API, else 401
//   GET /api/private-scoped  as private, plus scope read:messages, else 403
// 401 and 403 carry RFC 6750 challenges exactly as express-oauth2-jwt-bearer
// writes them, so TokenLab's explanations work the same on both.
#pragma once

#include "sandbox/accesstokenverifier.h"
#include "http/localhttpserver.h"
#include "sandbox/sandboxconfig.h"

#include <QObject>
#include <QUrl>

class SampleApi : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SampleApi)

public:
    SampleApi(const SandboxConfig &config, AccessTokenVerifier verifier, QString audience, QObject *parent = nullptr);

    bool listen();
    QString errorString() const { return m_http.errorString(); }
    quint16 port() const { return m_http.port(); }
    QUrl baseUrl() const;

    HttpResponse handle(const HttpRequest &request) const;

private:
    HttpResponse refuse(int status, const QByteArray &challenge, const QString &message) const;

    SandboxConfig m_config;
    AccessTokenVerifier m_verifier;
    QString m_audience;
    LocalHttpServer m_http;
};
