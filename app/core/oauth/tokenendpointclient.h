// Requests to a token endpoint (RFC 6749 3.2): the code exchange, refresh
// and client credentials, and to its sibling the revocation endpoint (RFC
// 7009), all through one place that sets the content type, bounds the
// answer, times out, refuses redirects and turns the answer into a value
// (a TokenSet, or "revoked") or one sentence.
//
// Contract: post() and revoke() return a job that emits finished() exactly
// once, on every path (network error, timeout, HTTP error, oversized or
// malformed answer), and deletes itself afterwards.
#pragma once

#include "util/clock.h"
#include "http/formencoding.h"
#include "oauth/tokenset.h"

#include <QObject>
#include <QUrl>
#include <chrono>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

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

// RFC 7009 2.2: what the revocation endpoint said.
struct RevocationResult
{
    bool revoked = false;   // 200: the token is revoked, or the server did not know it (the same to the client)
    bool mayRetry = false;  // RFC 7009 2.2.1: 503, the server asks to be tried again later
    QString errorCode;      // the OAuth error of a refusal (unsupported_token_type, ...)
    QString error;          // one sentence when not revoked
};

class RevocationJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(RevocationJob)

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(const RevocationResult &result);
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
    // RFC 7009 2.1: revokes a refresh token (token_type_hint=refresh_token),
    // the client authenticated as at the token endpoint.
    RevocationJob *revoke(const QUrl &revocationEndpoint, const ClientCredentials &client, const QString &refreshToken);

private:
    // The request every call shares: form body, answer cap, timeout, no redirects.
    QNetworkReply *send(const QUrl &endpoint, const FormData &form, const QByteArray &authorization);

    QNetworkAccessManager *m_network;
    Clock m_clock;
    std::chrono::milliseconds m_timeout{30000};
};
