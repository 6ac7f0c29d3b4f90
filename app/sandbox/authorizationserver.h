// SPDX-License-Identifier: MIT
// The sandbox tenant's authorization server: an Auth0-like OpenID provider
// on a loopback port, for offline use and for tests.
//
// Endpoints: discovery, JWKS, /authorize (code + PKCE S256 only, with
// audience or RFC 8707 resource, login and consent pages, RFC 9126 pushed
// requests), /oauth/par, /oauth/token (authorization_code, refresh_token
// with rotation, client_credentials; client secrets or RFC 7523 assertions;
// RFC 9449 DPoP), /userinfo, /oauth/revoke (RFC 7009), /oidc/logout
// (RP-initiated), /oidc/register (RFC 7591) and the device flow (RFC 8628:
// /oauth/device/code, the /device page to enter the user code, and the
// device_code grant at /oauth/token).
// All state lives in memory and is bounded; only registered clients' public
// metadata is written to disk, when the config names a file for it.
// One class, one source file per endpoint family (see authorizationserver.cpp).
#pragma once

#include "http/formencoding.h"
#include "http/localhttpserver.h"
#include "sandbox/dpopguard.h"
#include "sandbox/registeredclient.h"
#include "sandbox/sandboxconfig.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QUrl>

class TenantKey;

class AuthorizationServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(AuthorizationServer)

public:
    // Requests that need the key (JWKS, tokens, userinfo, logout) wait for it in key.
    AuthorizationServer(const SandboxConfig &config, TenantKey &key, QObject *parent = nullptr);

    bool listen(quint16 port); // 0 picks a free port
    QString errorString() const { return m_http.errorString(); }
    quint16 port() const { return m_http.port(); }
    QUrl issuer() const;       // "http://127.0.0.1:PORT/"
    QUrl userinfoUrl() const;
    // Made when first asked for: a start that never uses the machine client
    // does not initialise OpenSSL's random generator (and its pages).
    QString m2mClientSecret() const;
    QUrl registrationEndpoint() const;
    // The sample API's RFC 9728 resource identifier (its URL): a second name
    // for it in "resource", beside the Auth0-style audience its tokens carry.
    void setApiResource(const QString &resource) { m_apiResource = resource; }

    // Answers at once; 503 for a request that needs the key before it is ready.
    HttpResponse handle(const HttpRequest &request);
    static bool needsKey(const HttpRequest &request);
    // From the next request on; discovery says so at once.
    void setSwitches(const SandboxSwitches &switches);

private:
    struct Transaction
    {
        QString clientId;
        QUrl redirectUri;
        QString state;
        QString nonce;
        QByteArray codeChallenge;
        QStringList requestedScopes;
        QString audience;      // empty: no API requested
        QString prompt;
        QString loginHint;
        qint64 maxAge = -1;
        int tokenLifetime = 0;  // sandbox-only token_lifetime, for tests; 0: the tenant's
        QString userId;        // set once the user chose who to be
        QDateTime authTime;
        QDateTime expiresAt;
        QString dpopJkt;       // RFC 9449 10: the code is bound to this proof key
        QString deviceCode;    // RFC 8628: a sign-in for this device code, which it approves or denies
    };
    // Why an authorization request was refused: shown as a page when the
    // client or its redirect URI is in doubt, else sent back to the client.
    struct AuthorizationCheck
    {
        Transaction txn;
        bool ok = false;
        bool toClient = false;
        QString title;         // for the page
        QString error;         // RFC 6749 4.1.2.1 code
        QString description;
    };
    struct PushedRequest
    {
        FormData params;
        QString clientId;
        QDateTime expiresAt;
        bool used = false;
    };
    struct Grant
    {
        QString clientId;
        QString userId;        // empty for client credentials
        QStringList scopes;
        QString audience;
        QString nonce;
        QDateTime authTime;
        QString family;        // refresh tokens issued from one login
        int tokenLifetime = 0;
        QString dpopJkt;       // the code's dpop_jkt: its exchange needs a proof by this key
    };
    struct AuthCode
    {
        Grant grant;
        QUrl redirectUri;
        QByteArray codeChallenge;
        QDateTime expiresAt;
        bool used = false;
    };
    struct RefreshToken
    {
        Grant grant;
        QDateTime expiresAt;
        bool rotated = false;
        QString boundJkt;      // RFC 9449 5: a public client's DPoP key; refreshes need it
    };
    // RFC 8628 3.2: a device code, pending until the user decides on /device.
    struct DeviceCode
    {
        enum class Status { Pending, Approved, Denied };
        Status status = Status::Pending;
        QString clientId;
        QString userCode;
        QStringList requestedScopes;
        QString audience;
        QDateTime expiresAt;
        QDateTime lastPoll;    // or when the code was issued
        int interval = 5;      // raised by 5 s with each slow_down (RFC 8628 3.5)
        Grant grant;           // once approved
    };
    struct Session
    {
        QString userId;
        QDateTime authTime;
    };
    struct ClientAuth
    {
        QString clientId;
        bool authenticated = false; // a correct secret or client assertion was presented
        bool usedBasic = false;
        std::optional<RegisteredClient> registered; // a copy: the registry may re-read its file
        HttpResponse error;
        bool failed = false;
    };

    QDateTime now() const { return m_config.clock(); }
    QUrl endpoint(const QString &path) const;

    HttpResponse discovery() const;
    HttpResponse jwks() const;
    HttpResponse authorize(const HttpRequest &request);
    HttpResponse loginSubmit(const HttpRequest &request);
    HttpResponse consentPage(const HttpRequest &request);
    HttpResponse consentSubmit(const HttpRequest &request);
    HttpResponse token(const HttpRequest &request);
    HttpResponse userinfo(const HttpRequest &request);
    HttpResponse revoke(const HttpRequest &request);
    HttpResponse introspect(const HttpRequest &request); // introspectionendpoint.cpp
    HttpResponse logout(const HttpRequest &request);
    HttpResponse pushAuthorizationRequest(const HttpRequest &request);
    HttpResponse registerClient(const HttpRequest &request);
    HttpResponse deviceAuthorization(const HttpRequest &request);
    HttpResponse devicePage(const HttpRequest &request);

    // The checks of RFC 6749 4.1.1 and what the sandbox adds; for /authorize and /oauth/par alike.
    AuthorizationCheck checkAuthorization(const FormData &q) const;
    HttpResponse beginAuthorization(const HttpRequest &request, const Transaction &txn);
    // /authorize?client_id&request_uri: the pushed parameters, or a page saying why not.
    std::optional<FormData> takePushedRequest(const FormData &q, HttpResponse *refusal);

    HttpResponse tokenByCode(const FormData &form, const ClientAuth &client, const QString &jkt);
    HttpResponse tokenByRefresh(const FormData &form, const ClientAuth &client, const QString &jkt);
    HttpResponse tokenByClientCredentials(const FormData &form, const ClientAuth &client, const QString &jkt);
    HttpResponse tokenByDeviceCode(const FormData &form, const ClientAuth &client, const QString &jkt);
    // The user's decision on a device transaction, as a page for the browser.
    HttpResponse decideDevice(const Transaction &txn, const QStringList &consented, bool approved);
    HttpResponse deviceEntryPage(const QString &message = {}, const QString &userCode = {}) const;
    // jkt non-empty: a DPoP-bound access token (cnf.jkt), token_type DPoP.
    HttpResponse issueTokens(const Grant &grant, bool withRefresh, const QString &jkt = {});
    ClientAuth authenticateClient(const HttpRequest &request, const FormData &form);
    void authenticateByAssertion(const FormData &form, ClientAuth &auth);
    // The native client or a registered public client (no secret, no keys).
    bool isPublicClient(const QString &clientId) const;
    // RFC 9449 5 and 7.1's error body, with the next nonce when one is demanded.
    HttpResponse dpopError(const DpopGuard::Outcome &outcome);

    HttpResponse loginPage(const QString &txnId, const Transaction &txn, const QString &message = {});
    HttpResponse renderConsent(const QString &txnId, const Transaction &txn);
    HttpResponse finishAuthorization(const QString &txnId, const QStringList &consented);
    HttpResponse redirectError(const Transaction &txn, const QString &error, const QString &description);
    HttpResponse redirectToClient(const QUrl &redirectUri, const FormData &params, int status = 302) const;
    HttpResponse errorPage(int status, const QString &title, const QString &detail) const;
    HttpResponse expiredPage() const;
    // The login in progress named by a form's txn; nullptr when unknown or expired.
    Transaction *pendingTransaction(const QString &txnId, bool userChosen);
    static HttpResponse oauthError(int status, const QString &error, const QString &description);

    QString sessionUser(const HttpRequest &request, QDateTime *authTime = nullptr) const;
    QStringList permittedScopes(const QString &userId, const QStringList &known) const;
    QStringList knownScopes(const Transaction &txn) const;
    void revokeFamily(const QString &family);
    void purgeExpired();

    SandboxConfig m_config;
    TenantKey &m_key;
    LocalHttpServer m_http;
    mutable QString m_m2mSecret;
    QString m_apiResource;

    QHash<QString, Transaction> m_transactions;
    QHash<QString, AuthCode> m_codes;
    QHash<QString, RefreshToken> m_refreshTokens;
    QHash<QString, Session> m_sessions;
    QHash<QString, QSet<QString>> m_rememberedConsent; // user id -> scopes
    QHash<QString, PushedRequest> m_pushed;   // request_uri -> parameters
    QHash<QString, DeviceCode> m_deviceCodes; // device_code -> its state
    QHash<QString, qint64> m_assertionJti;    // client + jti -> its exp, to refuse replays
    DpopGuard m_dpop;
    ClientRegistry m_clients;
};
