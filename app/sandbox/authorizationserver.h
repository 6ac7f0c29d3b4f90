// The sandbox tenant's authorization server: an Auth0-like OpenID provider
// on a loopback port, for offline use and for tests.
//
// Endpoints: discovery, JWKS, /authorize (code + PKCE S256 only, with
// audience or RFC 8707 resource, login and consent pages), /oauth/token
// (authorization_code, refresh_token with rotation, client_credentials),
// /userinfo, /oauth/revoke (RFC 7009) and /oidc/logout (RP-initiated).
// All state lives in memory and is bounded; nothing is written to disk.
// One class, one source file per endpoint family (see authorizationserver.cpp).
#pragma once

#include "http/formencoding.h"
#include "http/localhttpserver.h"
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
    QString m2mClientSecret() const { return m_m2mSecret; }

    // Answers at once; 503 for a request that needs the key before it is ready.
    HttpResponse handle(const HttpRequest &request);
    static bool needsKey(const HttpRequest &request);

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
    };
    struct Session
    {
        QString userId;
        QDateTime authTime;
    };
    struct ClientAuth
    {
        QString clientId;
        bool authenticated = false; // a correct secret was presented
        bool usedBasic = false;
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
    HttpResponse logout(const HttpRequest &request);

    HttpResponse tokenByCode(const FormData &form, const ClientAuth &client);
    HttpResponse tokenByRefresh(const FormData &form, const ClientAuth &client);
    HttpResponse tokenByClientCredentials(const FormData &form, const ClientAuth &client);
    HttpResponse issueTokens(const Grant &grant, bool withRefresh);
    ClientAuth authenticateClient(const HttpRequest &request, const FormData &form) const;

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
    QString m_m2mSecret;

    QHash<QString, Transaction> m_transactions;
    QHash<QString, AuthCode> m_codes;
    QHash<QString, RefreshToken> m_refreshTokens;
    QHash<QString, Session> m_sessions;
    QHash<QString, QSet<QString>> m_rememberedConsent; // user id -> scopes
};
