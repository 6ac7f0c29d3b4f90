// Requests to a token endpoint (RFC 6749 3.2): the code exchange now,
// refresh and client credentials later, all through one place that sets
// the content type, bounds the answer, refuses redirects and turns the
// answer into a TokenSet or one sentence.
//
// Contract: post() returns a job that emits finished() exactly once, on
// every path (network error, timeout, HTTP error, malformed answer), and
// deletes itself afterwards.
#pragma once

#include "util/clock.h"
#include "http/formencoding.h"
#include "oauth/tokenset.h"

#include <QObject>
#include <QUrl>
#include <chrono>
#include <optional>

class QNetworkAccessManager;

class TokenJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenJob)

public:
    using QObject::QObject;
    // The OAuth error code (invalid_grant, ...) of a refused request, for callers that act on it.
    QString errorCode() const { return m_errorCode; }
    void setErrorCode(const QString &code) { m_errorCode = code; }

Q_SIGNALS:
    void finished(const std::optional<TokenSet> &tokens, const QString &error);

private:
    QString m_errorCode;
};

// How a client proves who it is at the token endpoint (RFC 6749 2.3).
struct ClientCredentials
{
    enum class Method { None, Post, Basic };
    Method method = Method::None;
    QString clientId;
    QString secret;   // never logged
};

class TokenEndpointClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenEndpointClient)

public:
    TokenEndpointClient(QNetworkAccessManager *network, Clock clock, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    TokenJob *post(const QUrl &tokenEndpoint, const FormData &form, const QString &requestedScope,
                   const QByteArray &authorization = {});
    // RFC 6749 6: scope may narrow what was granted; empty keeps it.
    TokenJob *refresh(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &refreshToken,
                      const QString &scope, const QString &requestedScope);
    // RFC 6749 4.4, with Auth0's audience (or RFC 8707 resource).
    TokenJob *clientCredentials(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &audience,
                                const QString &resource, const QString &scope);
    // Adds the client's authentication to a form, or returns the Basic header.
    static QByteArray authenticate(const ClientCredentials &client, FormData *form);
    // RFC 6749 4.1.3 with RFC 7636 4.5.
    TokenJob *exchangeCode(const QUrl &tokenEndpoint, const QString &clientId, const QString &code,
                           const QByteArray &verifier, const QUrl &redirectUri, const QString &requestedScope);

private:
    QNetworkAccessManager *m_network;
    Clock m_clock;
    std::chrono::milliseconds m_timeout{30000};
};
