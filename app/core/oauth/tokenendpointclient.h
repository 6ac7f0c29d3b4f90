// SPDX-License-Identifier: MIT
// Requests to a token endpoint (RFC 6749 3.2): the code exchange, refresh,
// client credentials and the device code (RFC 8628 3.4), and to its
// siblings the revocation endpoint (RFC 7009), the pushed authorization
// request endpoint (RFC 9126) and the device authorization endpoint, all
// through one place that authenticates the client (none, a secret, or a
// fresh private_key_jwt assertion, RFC 7523), adds a fresh DPoP proof when
// the profile uses DPoP (RFC 9449), sets the content type, bounds the
// answer, times out, refuses redirects and turns the answer into a value
// (a TokenSet, "revoked", a request_uri) or one sentence.
//
// DPoP nonces (RFC 9449 8): a DPoP-Nonce in any answer is kept by the
// signer; a refusal with use_dpop_nonce is retried once, with the nonce,
// a new proof and a new client assertion.
//
// Contract: every request returns a job that emits finished() exactly
// once, on every path (network error, timeout, HTTP error, oversized or
// malformed answer), and deletes itself afterwards.
#pragma once

#include "util/clock.h"
#include "http/formencoding.h"
#include "oauth/deviceauthorization.h"
#include "oauth/introspection.h"
#include "oauth/tokenset.h"

#include <QObject>
#include <QUrl>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class DpopSigner;
class PrivateKey;
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
    // What TokenLab did on the way, for activity logs ("retried with the server's DPoP nonce").
    QStringList notes() const { return m_notes; }
    void addNote(const QString &note) { m_notes << note; }

Q_SIGNALS:
    void finished(const std::optional<TokenSet> &tokens, const QString &error);

private:
    QString m_errorCode;
    QStringList m_notes;
};

class IntrospectionJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(IntrospectionJob)

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(const Introspection &result);
};

// RFC 9126 2.2: what the pushed authorization request endpoint gave.
struct PushedAuthorization
{
    QString requestUri;
    qint64 expiresIn = 0;
    QString error; // one sentence when requestUri is empty
    QStringList notes; // what TokenLab did on the way, as TokenJob::notes()
};

class PushJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(PushJob)

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(const PushedAuthorization &result);
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

// RFC 8628 3.2: the device authorization endpoint's answer, or a sentence.
struct DeviceAuthorizationResult
{
    std::optional<DeviceAuthorization> authorization;
    QString error;       // one sentence when authorization is empty
    QStringList notes;   // what TokenLab did on the way, as TokenJob::notes()
};

class DeviceAuthorizationJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DeviceAuthorizationJob)

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(const DeviceAuthorizationResult &result);
};

// How a client proves who it is at the token endpoint (RFC 6749 2.3,
// RFC 7523 2.2).
struct ClientCredentials
{
    enum class Method { None, Post, Basic, PrivateKeyJwt };
    Method method = Method::None;
    QString clientId;
    QString secret;                              // Post, Basic; never logged
    std::shared_ptr<const PrivateKey> key;       // PrivateKeyJwt: signs each assertion
    QString assertionAudience;                   // PrivateKeyJwt: the issuer, or the endpoint
    QString assertionAlgorithm;                  // PrivateKeyJwt: empty for the key's default

    // "none", "client_secret_post", "client_secret_basic", "private_key_jwt".
    QString methodName() const;
};

class TokenEndpointClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenEndpointClient)

public:
    TokenEndpointClient(QNetworkAccessManager *network, Clock clock, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    using Dpop = std::shared_ptr<DpopSigner>;

    // Any token request: form holds the grant's parameters, the client's
    // authentication is added here; dpop, when given, signs a proof.
    TokenJob *post(const QUrl &tokenEndpoint, const FormData &form, const QString &requestedScope,
                   const ClientCredentials &client, const Dpop &dpop = {});
    // RFC 6749 6: scope may narrow what was granted; empty keeps it.
    TokenJob *refresh(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &refreshToken,
                      const QString &scope, const QString &requestedScope, const Dpop &dpop = {});
    // RFC 6749 4.4, with Auth0's audience (or RFC 8707 resource).
    TokenJob *clientCredentials(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &audience,
                                const QString &resource, const QString &scope, const Dpop &dpop = {});
    // Adds the client's authentication to a form (a fresh assertion for
    // private_key_jwt, signed at now), or returns the Basic header.
    static QByteArray authenticate(const ClientCredentials &client, FormData *form, qint64 now);
    // RFC 6749 4.1.3 with RFC 7636 4.5.
    TokenJob *exchangeCode(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &code,
                           const QByteArray &verifier, const QUrl &redirectUri, const QString &requestedScope,
                           const Dpop &dpop = {});
    // RFC 9126 2.1: the authorization request's parameters (client_id
    // included), pushed with the client's authentication; the answer's
    // request_uri replaces them in the browser's URL.
    PushJob *pushAuthorization(const QUrl &parEndpoint, const FormData &parameters, const ClientCredentials &client,
                               const Dpop &dpop = {});
    // RFC 8628 3.1: asks for a device code and a user code for scope (with
    // Auth0's audience or RFC 8707 resource when given), the client
    // authenticated as at the token endpoint.
    DeviceAuthorizationJob *authorizeDevice(const QUrl &deviceEndpoint, const ClientCredentials &client, const QString &scope,
                                            const QString &audience, const QString &resource, const Dpop &dpop = {});
    // RFC 8628 3.4: one poll with the device code; a refusal's errorCode()
    // says whether to poll again (DevicePollOutcome::classify).
    TokenJob *exchangeDeviceCode(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &deviceCode,
                                 const QString &requestedScope, const Dpop &dpop = {});
    // RFC 7662 2.1: what the issuer says of token (hint: "access_token" or
    // "refresh_token"), the client authenticated as at the token endpoint.
    IntrospectionJob *introspect(const QUrl &introspectionEndpoint, const ClientCredentials &client, const QString &token,
                                 const QString &hint);
    // RFC 7009 2.1: revokes a refresh token (token_type_hint=refresh_token),
    // the client authenticated as at the token endpoint.
    RevocationJob *revoke(const QUrl &revocationEndpoint, const ClientCredentials &client, const QString &refreshToken);

private:
    struct Answer;
    using AnswerHandler = std::function<void(const Answer &)>;
    // The request every call shares: the client's authentication and a DPoP
    // proof made fresh for each attempt, form body, answer cap, timeout, no
    // redirects, one retry on use_dpop_nonce. done runs once, with context alive.
    void send(const QUrl &endpoint, const FormData &form, const ClientCredentials &client, const Dpop &dpop,
              QObject *context, AnswerHandler done, bool mayRetry = true);

    QNetworkAccessManager *m_network;
    Clock m_clock;
    std::chrono::milliseconds m_timeout{30000};
};
