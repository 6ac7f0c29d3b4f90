#include "sandbox/authorizationserver.h"
#include "sandbox/accesstokenverifier.h"
#include "jose/base64url.h"
#include "http/pagetemplate.h"
#include "oauth/pkce.h"
#include "sandbox/sandboxdirectory.h"
#include "util/securerandom.h"
#include "sandbox/signingkey.h"
#include "sandbox/tenantkey.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSandbox, "tokenlab.sandbox", QtInfoMsg)

namespace {

constexpr int MaxTransactions = 1000;
constexpr int MaxCodes = 1000;
constexpr int MaxRefreshTokens = 10000;
constexpr int MaxSessions = 1000;
const auto SessionCookie = "tokenlab_sandbox_session";

QString nativeClient() { return QString::fromLatin1(SandboxDirectory::NativeClientId); }
QString m2mClient() { return QString::fromLatin1(SandboxDirectory::M2mClientId); }
QString apiAudience() { return QString::fromLatin1(SandboxDirectory::ApiAudience); }

// Every sandbox page shares one stylesheet, read once from the resources.
QByteArray sandboxPage(const QString &page, const QHash<QString, QString> &text, QHash<QString, QString> markup = {})
{
    static const QString style = [] {
        QFile css(u":/pages/sandbox.css"_s);
        return css.open(QIODevice::ReadOnly) ? QString::fromUtf8(css.readAll()) : QString();
    }();
    markup.insert(u"style"_s, style);
    return PageTemplate::render(page, text, markup);
}

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// RFC 8252 7.3: a loopback IP literal with any port; no fragment (RFC 6749 3.1.2).
bool isLoopbackRedirect(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != u"http" || url.hasFragment() || !url.userInfo().isEmpty())
        return false;
    if (url.port() <= 0)
        return false;
    return url.host() == u"127.0.0.1" || url.host() == u"::1";
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Compare digests so the time taken says nothing about the secret's length or content.
    const QByteArray da = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray db = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (int i = 0; i < da.size(); ++i)
        diff |= static_cast<unsigned char>(da.at(i) ^ db.at(i));
    return diff == 0;
}

QStringList splitScopes(const QString &scope)
{
    QStringList out;
    for (const QString &s : scope.split(u' ', Qt::SkipEmptyParts)) {
        if (!out.contains(s))
            out << s;
    }
    return out;
}

bool isBase64UrlOfLength(const QByteArray &s, int length)
{
    return s.size() == length && Base64Url::decode(s).has_value();
}

template<typename Map>
void evictOldest(Map &map, int max)
{
    // Bounded memory under a flood: drop the entries that expire soonest.
    while (map.size() >= max) {
        auto oldest = map.begin();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it->expiresAt < oldest->expiresAt)
                oldest = it;
        }
        map.erase(oldest);
    }
}

} // namespace

AuthorizationServer::AuthorizationServer(const SandboxConfig &config, TenantKey &key, QObject *parent)
    : QObject(parent),
      m_config(config),
      m_key(key),
      m_http(
              [this](const HttpRequest &r, const LocalHttpServer::Responder &respond) {
                  if (needsKey(r) && !m_key.isReady())
                      return m_key.whenReady(r, respond, [this](const HttpRequest &q) { return handle(q); });
                  respond(handle(r));
              },
              LocalHttpServer::Options()),
      m_m2mSecret(QString::fromLatin1(SecureRandom::token(32)))
{
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

QUrl AuthorizationServer::userinfoUrl() const
{
    return endpoint(u"/userinfo"_s);
}

bool AuthorizationServer::needsKey(const HttpRequest &request)
{
    const QByteArray &path = request.path;
    return path == "/.well-known/jwks.json" || path == "/oauth/token" || path == "/userinfo" || path == "/oidc/logout"
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

    if (path == "/.well-known/openid-configuration")
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
    if (path == "/userinfo")
        return (get || post) ? userinfo(request) : methodNotAllowed("GET, POST");
    if (path == "/oauth/revoke")
        return post ? revoke(request) : methodNotAllowed("POST");
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
        {u"grant_types_supported"_s, QJsonArray{u"authorization_code"_s, u"refresh_token"_s, u"client_credentials"_s}},
        {u"subject_types_supported"_s, QJsonArray{u"public"_s}},
        {u"id_token_signing_alg_values_supported"_s, QJsonArray{u"RS256"_s}},
        {u"token_endpoint_auth_methods_supported"_s, QJsonArray{u"none"_s, u"client_secret_post"_s, u"client_secret_basic"_s}},
        {u"revocation_endpoint_auth_methods_supported"_s, QJsonArray{u"none"_s, u"client_secret_post"_s, u"client_secret_basic"_s}},
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

// ---- /authorize --------------------------------------------------------

HttpResponse AuthorizationServer::authorize(const HttpRequest &request)
{
    QString parseError;
    const auto q = FormData::parse(request.query, &parseError);
    if (!q)
        return errorPage(400, u"The sign-in request is malformed"_s, parseError);

    // RFC 6749 4.1.2.1: without a known client and a valid redirect URI the
    // error is shown here and never sent to an unchecked address.
    if (q->count(u"client_id"_s) != 1)
        return errorPage(400, u"Missing client_id"_s, u"The request must name exactly one client_id."_s);
    const QString clientId = q->value(u"client_id"_s);
    if (clientId == m2mClient())
        return errorPage(400, u"Client cannot sign users in"_s,
                         u"The client \"%1\" is a machine-to-machine client; it uses the client credentials grant."_s.arg(clientId));
    if (clientId != nativeClient())
        return errorPage(400, u"Unknown client"_s, u"The sandbox has no client \"%1\"; its native client is \"%2\"."_s.arg(clientId, nativeClient()));
    if (q->count(u"redirect_uri"_s) != 1)
        return errorPage(400, u"Missing redirect_uri"_s, u"The request must carry exactly one redirect_uri."_s);
    const QUrl redirectUri(q->value(u"redirect_uri"_s), QUrl::StrictMode);
    if (!isLoopbackRedirect(redirectUri))
        return errorPage(400, u"Redirect URI not allowed"_s,
                         u"\"%1\" is not a loopback redirect. The native client accepts http://127.0.0.1:PORT/PATH or http://[::1]:PORT/PATH (RFC 8252 7.3)."_s
                                 .arg(q->value(u"redirect_uri"_s)));

    Transaction txn;
    txn.clientId = clientId;
    txn.redirectUri = redirectUri;
    txn.state = q->value(u"state"_s);
    txn.expiresAt = now().addSecs(m_config.transactionLifetimeSeconds);

    const QString dup = q->firstDuplicate();
    if (!dup.isEmpty() && dup != u"resource")
        return redirectError(txn, u"invalid_request"_s, u"The parameter \"%1\" appears more than once."_s.arg(dup));
    if (q->value(u"response_type"_s) != u"code")
        return redirectError(txn, u"unsupported_response_type"_s,
                             q->contains(u"response_type"_s) ? u"Only response_type=code is supported."_s
                                                             : u"response_type is missing; use response_type=code."_s);
    // RFC 7636 4.4.1 and OAuth 2.1: PKCE is required, and only S256.
    const QByteArray challenge = q->value(u"code_challenge"_s).toLatin1();
    if (challenge.isEmpty())
        return redirectError(txn, u"invalid_request"_s, u"code_challenge is required (PKCE)."_s);
    if (q->value(u"code_challenge_method"_s) != u"S256")
        return redirectError(txn, u"invalid_request"_s, u"code_challenge_method must be S256."_s);
    if (!isBase64UrlOfLength(challenge, 43))
        return redirectError(txn, u"invalid_request"_s, u"code_challenge is not a base64url SHA-256 value (43 characters)."_s);
    txn.codeChallenge = challenge;

    const QString prompt = q->value(u"prompt"_s);
    const QStringList prompts = prompt.split(u' ', Qt::SkipEmptyParts);
    for (const QString &p : prompts) {
        if (!QStringList{u"none"_s, u"login"_s, u"consent"_s, u"select_account"_s}.contains(p))
            return redirectError(txn, u"invalid_request"_s, u"prompt value \"%1\" is not supported."_s.arg(p));
    }
    if (prompts.contains(u"none"_s) && prompts.size() > 1)
        return redirectError(txn, u"invalid_request"_s, u"prompt=none cannot be combined with other values."_s);
    txn.prompt = prompt;
    txn.loginHint = q->value(u"login_hint"_s);
    if (q->contains(u"max_age"_s)) {
        bool ok = false;
        txn.maxAge = q->value(u"max_age"_s).toLongLong(&ok);
        if (!ok || txn.maxAge < 0)
            return redirectError(txn, u"invalid_request"_s, u"max_age must be a non-negative number of seconds."_s);
    }

    // Auth0 names the API with "audience"; RFC 8707 with "resource".
    QStringList targets;
    if (q->contains(u"audience"_s))
        targets << q->value(u"audience"_s);
    for (const auto &p : q->pairs()) {
        if (p.first == u"resource" && !targets.contains(p.second))
            targets << p.second;
    }
    if (targets.size() > 1)
        return redirectError(txn, u"invalid_target"_s, u"The sandbox serves one API; audience and resource name different ones."_s);
    if (!targets.isEmpty()) {
        if (targets.first() != apiAudience()) {
            if (q->contains(u"audience"_s))
                return redirectError(txn, u"access_denied"_s, u"Service not found: %1"_s.arg(targets.first()));
            return redirectError(txn, u"invalid_target"_s, u"The resource \"%1\" is not an API of this tenant."_s.arg(targets.first()));
        }
        txn.audience = targets.first();
    }
    if (q->contains(u"token_lifetime"_s)) {
        // Not OAuth: the sandbox's own way for tests to get short-lived tokens.
        bool ok = false;
        txn.tokenLifetime = q->value(u"token_lifetime"_s).toInt(&ok);
        if (!ok || txn.tokenLifetime < 1 || txn.tokenLifetime > 86400)
            return redirectError(txn, u"invalid_request"_s, u"token_lifetime must be 1 to 86400 seconds."_s);
    }
    txn.requestedScopes = splitScopes(q->value(u"scope"_s));
    txn.nonce = q->value(u"nonce"_s);

    const QString txnId = QString::fromLatin1(SecureRandom::token(24));
    evictOldest(m_transactions, MaxTransactions);
    m_transactions.insert(txnId, txn);

    if (m_config.autoApprove) {
        Transaction &t = m_transactions[txnId];
        // login_hint picks another demo user, so headless tests can be anyone.
        t.userId = SandboxDirectory::user(t.loginHint) ? t.loginHint : m_config.autoApprove->user;
        t.authTime = now();
        const QStringList permitted = permittedScopes(t.userId, knownScopes(t));
        QStringList consented;
        for (const QString &s : permitted) {
            if (!m_config.autoApprove->scopes || m_config.autoApprove->scopes->contains(s) || s == u"openid")
                consented << s;
        }
        return finishAuthorization(txnId, consented);
    }

    QDateTime authTime;
    const QString user = sessionUser(request, &authTime);
    const bool tooOld = txn.maxAge >= 0 && authTime.secsTo(now()) > txn.maxAge;
    if (prompts.contains(u"none"_s)) {
        if (user.isEmpty() || tooOld) {
            m_transactions.remove(txnId);
            return redirectError(txn, u"login_required"_s, u"The user is not signed in to the sandbox."_s);
        }
        Transaction &t = m_transactions[txnId];
        t.userId = user;
        t.authTime = authTime;
        const QStringList permitted = permittedScopes(user, knownScopes(t));
        const QSet<QString> remembered = m_rememberedConsent.value(user);
        for (const QString &s : permitted) {
            if (!remembered.contains(s)) {
                m_transactions.remove(txnId);
                return redirectError(txn, u"consent_required"_s, u"The user has not consented to \"%1\" yet."_s.arg(s));
            }
        }
        return finishAuthorization(txnId, permitted);
    }
    if (!user.isEmpty() && !tooOld && !prompts.contains(u"login"_s) && !prompts.contains(u"select_account"_s)) {
        Transaction &t = m_transactions[txnId];
        t.userId = user;
        t.authTime = authTime;
        return renderConsent(txnId, t);
    }
    return loginPage(txnId, txn);
}

HttpResponse AuthorizationServer::loginPage(const QString &txnId, const Transaction &txn, const QString &message)
{
    QString buttons;
    for (const SandboxUser &u : SandboxDirectory::users()) {
        const QString permissions = u.apiPermissions.isEmpty() ? u"no API permissions"_s
                                                               : u"may be granted "_s + u.apiPermissions.join(u", ");
        const bool hinted = !txn.loginHint.isEmpty() && (txn.loginHint == u.id || txn.loginHint == u.email);
        buttons += u"<button type=\"submit\" name=\"user\" value=\"%1\" id=\"user-%1\"%2><strong>%3</strong><span>%4 &middot; %5</span></button>\n"_s
                           .arg(u.id.toHtmlEscaped(), hinted ? u" autofocus"_s : QString(), u.name.toHtmlEscaped(),
                                u.email.toHtmlEscaped(), permissions.toHtmlEscaped());
    }
    return HttpResponse::html(200, sandboxPage(u":/pages/sandbox-login.html"_s,
                                                        {{u"txn"_s, txnId}, {u"message"_s, message}},
                                                        {{u"users"_s, buttons}}));
}

AuthorizationServer::Transaction *AuthorizationServer::pendingTransaction(const QString &txnId, bool userChosen)
{
    auto it = m_transactions.find(txnId);
    if (txnId.isEmpty() || it == m_transactions.end() || (userChosen && it->userId.isEmpty()))
        return nullptr;
    return &*it;
}

HttpResponse AuthorizationServer::expiredPage() const
{
    return errorPage(400, u"This sign-in has expired"_s, u"Start the login again from TokenLab."_s);
}

HttpResponse AuthorizationServer::loginSubmit(const HttpRequest &request)
{
    const auto form = FormData::parse(request.body);
    if (!form)
        return errorPage(400, u"Malformed form"_s, u"The sign-in form could not be read."_s);
    const QString txnId = form->value(u"txn"_s);
    Transaction *it = pendingTransaction(txnId, false);
    if (!it)
        return expiredPage();
    if (form->value(u"action"_s) == u"cancel") {
        const Transaction txn = m_transactions.take(txnId);
        return redirectError(txn, u"access_denied"_s, u"The user cancelled the login."_s);
    }
    const SandboxUser *user = SandboxDirectory::user(form->value(u"user"_s));
    if (!user)
        return loginPage(txnId, *it, u"Choose one of the demo users."_s);
    it->userId = user->id;
    it->authTime = now();

    const QString sid = QString::fromLatin1(SecureRandom::token(24));
    if (m_sessions.size() >= MaxSessions)
        m_sessions.erase(m_sessions.begin());
    m_sessions.insert(sid, Session{user->id, it->authTime});

    HttpResponse r;
    r.status = 303;
    r.setHeader("Location", "/authorize/consent?txn=" + FormData::encodeComponent(txnId));
    r.setHeader("Set-Cookie", QByteArray(SessionCookie) + '=' + sid.toLatin1() + "; Path=/; HttpOnly; SameSite=Lax");
    r.setHeader("Cache-Control", "no-store");
    return r;
}

QStringList AuthorizationServer::knownScopes(const Transaction &txn) const
{
    // Unknown scopes are dropped, as Auth0 does; API scopes need the API.
    QStringList known;
    for (const QString &s : txn.requestedScopes) {
        if (SandboxDirectory::oidcScopes().contains(s) || (!txn.audience.isEmpty() && SandboxDirectory::apiScopes().contains(s)))
            known << s;
    }
    return known;
}

QStringList AuthorizationServer::permittedScopes(const QString &userId, const QStringList &known) const
{
    const SandboxUser *user = SandboxDirectory::user(userId);
    QStringList out;
    for (const QString &s : known) {
        if (SandboxDirectory::oidcScopes().contains(s) || (user && user->apiPermissions.contains(s)))
            out << s;
    }
    return out;
}

HttpResponse AuthorizationServer::consentPage(const HttpRequest &request)
{
    const auto q = FormData::parse(request.query);
    const QString txnId = q ? q->value(u"txn"_s) : QString();
    const Transaction *txn = pendingTransaction(txnId, true);
    return txn ? renderConsent(txnId, *txn) : expiredPage();
}

HttpResponse AuthorizationServer::renderConsent(const QString &txnId, const Transaction &txn)
{
    const SandboxUser *user = SandboxDirectory::user(txn.userId);
    const QStringList known = knownScopes(txn);
    const QStringList permitted = permittedScopes(txn.userId, known);
    QString rows;
    for (const QString &s : known) {
        const bool allowed = permitted.contains(s);
        const bool fixed = s == u"openid";
        QString note;
        if (!allowed)
            note = u" <em>(%1 may not be granted this)</em>"_s.arg(user->name.toHtmlEscaped());
        rows += u"<li><label><input type=\"checkbox\" name=\"scope\" value=\"%1\" id=\"scope-%1\"%2%3> <code>%1</code> %4%5</label>%6</li>\n"_s
                        .arg(s.toHtmlEscaped(), allowed ? u" checked"_s : QString(),
                             (!allowed || fixed) ? u" disabled"_s : QString(),
                             SandboxDirectory::scopeDescription(s).toHtmlEscaped(), note,
                             fixed ? u"<input type=\"hidden\" name=\"scope\" value=\"openid\">"_s : QString());
    }
    if (rows.isEmpty())
        rows = u"<li>No scopes were requested.</li>"_s;
    const QString api = txn.audience.isEmpty() ? u"no API (sign-in only)"_s : txn.audience;
    return HttpResponse::html(200, sandboxPage(u":/pages/sandbox-consent.html"_s,
                                                        {{u"txn"_s, txnId},
                                                         {u"user"_s, user->name},
                                                         {u"client"_s, txn.clientId},
                                                         {u"api"_s, api}},
                                                        {{u"scopes"_s, rows}}));
}

HttpResponse AuthorizationServer::consentSubmit(const HttpRequest &request)
{
    const auto form = FormData::parse(request.body);
    if (!form)
        return errorPage(400, u"Malformed form"_s, u"The consent form could not be read."_s);
    const QString txnId = form->value(u"txn"_s);
    Transaction *it = pendingTransaction(txnId, true);
    if (!it)
        return expiredPage();
    if (form->value(u"action"_s) != u"allow") {
        const Transaction txn = m_transactions.take(txnId);
        HttpResponse r = redirectError(txn, u"access_denied"_s, u"The user denied access."_s);
        r.status = 303;
        return r;
    }
    const QStringList permitted = permittedScopes(it->userId, knownScopes(*it));
    QStringList consented;
    for (const auto &p : form->pairs()) {
        if (p.first == u"scope" && permitted.contains(p.second) && !consented.contains(p.second))
            consented << p.second;
    }
    QSet<QString> &remembered = m_rememberedConsent[it->userId];
    for (const QString &s : consented)
        remembered.insert(s);
    HttpResponse r = finishAuthorization(txnId, consented);
    if (r.status == 302)
        r.status = 303; // the browser follows with GET after a form POST
    return r;
}

HttpResponse AuthorizationServer::finishAuthorization(const QString &txnId, const QStringList &consented)
{
    const Transaction txn = m_transactions.take(txnId);
    AuthCode code;
    code.grant.clientId = txn.clientId;
    code.grant.userId = txn.userId;
    // Keep the order the client asked in; grant only what was consented.
    for (const QString &s : knownScopes(txn)) {
        if (consented.contains(s))
            code.grant.scopes << s;
    }
    code.grant.audience = txn.audience;
    code.grant.nonce = txn.nonce;
    code.grant.authTime = txn.authTime;
    code.grant.tokenLifetime = txn.tokenLifetime;
    code.redirectUri = txn.redirectUri;
    code.codeChallenge = txn.codeChallenge;
    code.expiresAt = now().addSecs(m_config.codeLifetimeSeconds);
    const QString value = QString::fromLatin1(SecureRandom::token(32));
    evictOldest(m_codes, MaxCodes);
    m_codes.insert(value, code);
    qCDebug(lcSandbox) << "issued an authorization code for" << txn.userId;

    FormData params;
    params.add(u"code"_s, value);
    if (!txn.state.isEmpty())
        params.add(u"state"_s, txn.state);
    params.add(u"iss"_s, issuer().toString()); // RFC 9207
    return redirectToClient(txn.redirectUri, params);
}

HttpResponse AuthorizationServer::redirectError(const Transaction &txn, const QString &error, const QString &description)
{
    // RFC 6749 4.1.2.1: error, error_description and the client's state.
    FormData params;
    params.add(u"error"_s, error);
    params.add(u"error_description"_s, description);
    if (!txn.state.isEmpty())
        params.add(u"state"_s, txn.state);
    params.add(u"iss"_s, issuer().toString());
    return redirectToClient(txn.redirectUri, params);
}

HttpResponse AuthorizationServer::redirectToClient(const QUrl &redirectUri, const FormData &params, int status) const
{
    QByteArray query = redirectUri.query(QUrl::FullyEncoded).toLatin1();
    if (!query.isEmpty())
        query += '&';
    query += params.encode();
    QUrl target = redirectUri;
    target.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    HttpResponse r = HttpResponse::redirect(target);
    r.status = status;
    return r;
}

HttpResponse AuthorizationServer::errorPage(int status, const QString &title, const QString &detail) const
{
    return HttpResponse::html(status, sandboxPage(u":/pages/sandbox-error.html"_s,
                                                           {{u"title"_s, title}, {u"detail"_s, detail}}));
}

QString AuthorizationServer::sessionUser(const HttpRequest &request, QDateTime *authTime) const
{
    const QByteArray cookies = request.header("Cookie");
    for (const QByteArray &part : cookies.split(';')) {
        const QByteArray c = part.trimmed();
        const QByteArray prefix = QByteArray(SessionCookie) + '=';
        if (c.startsWith(prefix)) {
            const auto it = m_sessions.constFind(QString::fromLatin1(c.mid(prefix.size())));
            if (it != m_sessions.constEnd()) {
                if (authTime)
                    *authTime = it->authTime;
                return it->userId;
            }
        }
    }
    return {};
}

// ---- /oauth/token ------------------------------------------------------

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

void AuthorizationServer::purgeExpired()
{
    const QDateTime t = now();
    m_transactions.removeIf([&t](const auto &it) { return it.value().expiresAt <= t; });
    // Used codes are kept until they expire so a second use can be detected.
    m_codes.removeIf([&t](const auto &it) { return it.value().expiresAt.addSecs(600) <= t; });
    m_refreshTokens.removeIf([&t](const auto &it) { return it.value().expiresAt <= t; });
}

// ---- /userinfo, /oauth/revoke, /oidc/logout -----------------------------

HttpResponse AuthorizationServer::userinfo(const HttpRequest &request)
{
    const auto token = AccessTokenVerifier::bearerToken(request);
    auto unauthorized = [](const QByteArray &challenge) {
        HttpResponse r = HttpResponse::json(401, toJson({{u"error"_s, u"invalid_token"_s}}));
        r.setHeader("WWW-Authenticate", challenge);
        return r;
    };
    if (!token)
        return unauthorized(AccessTokenVerifier::challenge());
    const AccessTokenVerifier verifier(m_key.key()->publicJwk(), issuer().toString(), m_config.leewaySeconds, m_config.clock);
    const AccessTokenCheck check = verifier.verify(*token, userinfoUrl().toString());
    if (!check.ok)
        return unauthorized(AccessTokenVerifier::challenge(u"invalid_token"_s, check.description));
    const QString sub = check.claims.value(u"sub").toString();
    const QStringList scopes = check.claims.value(u"scope").toString().split(u' ');
    QJsonObject info{{u"sub"_s, sub}};
    const SandboxUser *user = sub.startsWith(u"sandbox|") ? SandboxDirectory::user(sub.mid(8)) : nullptr;
    if (user && scopes.contains(u"profile"_s)) {
        info.insert(u"name"_s, user->name);
        info.insert(u"nickname"_s, user->id);
    }
    if (user && scopes.contains(u"email"_s)) {
        info.insert(u"email"_s, user->email);
        info.insert(u"email_verified"_s, true);
    }
    return HttpResponse::json(200, toJson(info));
}

HttpResponse AuthorizationServer::revoke(const HttpRequest &request)
{
    const auto form = FormData::parse(request.body);
    if (!form || !request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded"))
        return oauthError(400, u"invalid_request"_s, u"Send the revocation request as application/x-www-form-urlencoded."_s);
    const ClientAuth client = authenticateClient(request, *form);
    if (client.failed)
        return client.error;
    const QString value = form->value(u"token"_s);
    if (value.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"token is missing."_s);
    auto it = m_refreshTokens.find(value);
    if (it != m_refreshTokens.end() && it->grant.clientId == client.clientId)
        revokeFamily(it->grant.family);
    // RFC 7009 2.2: 200 whether or not the token was known.
    HttpResponse r;
    r.status = 200;
    r.setHeader("Cache-Control", "no-store");
    return r;
}

HttpResponse AuthorizationServer::logout(const HttpRequest &request)
{
    const auto q = FormData::parse(request.query);
    if (!q)
        return errorPage(400, u"The logout request is malformed"_s, u"Its query string could not be read."_s);
    QString clientId = q->value(u"client_id"_s);
    if (clientId.isEmpty() && q->contains(u"id_token_hint"_s)) {
        const AccessTokenVerifier verifier(m_key.key()->publicJwk(), issuer().toString(), m_config.leewaySeconds,
                                           [] { return QDateTime::fromSecsSinceEpoch(0); }); // an expired hint still names its client
        const AccessTokenCheck check = verifier.verify(q->value(u"id_token_hint"_s).toLatin1(), nativeClient());
        if (!check.ok)
            return errorPage(400, u"Invalid id_token_hint"_s, check.description);
        clientId = nativeClient();
    }
    const QString returnTo = q->contains(u"post_logout_redirect_uri"_s) ? q->value(u"post_logout_redirect_uri"_s)
                                                                        : q->value(u"returnTo"_s); // Auth0 /v2/logout
    QUrl target;
    if (!returnTo.isEmpty()) {
        target = QUrl(returnTo, QUrl::StrictMode);
        if (clientId != nativeClient())
            return errorPage(400, u"Unknown client"_s, u"Name the client with client_id or id_token_hint to return to it after logout."_s);
        if (!isLoopbackRedirect(target))
            return errorPage(400, u"Logout redirect not allowed"_s, u"\"%1\" is not a loopback address."_s.arg(returnTo));
    }
    const QByteArray cookies = request.header("Cookie");
    for (const QByteArray &part : cookies.split(';')) {
        const QByteArray c = part.trimmed();
        const QByteArray prefix = QByteArray(SessionCookie) + '=';
        if (c.startsWith(prefix))
            m_sessions.remove(QString::fromLatin1(c.mid(prefix.size())));
    }
    HttpResponse r;
    if (target.isValid() && !target.isEmpty()) {
        FormData params;
        if (q->contains(u"state"_s))
            params.add(u"state"_s, q->value(u"state"_s));
        r = params.isEmpty() ? HttpResponse::redirect(target) : redirectToClient(target, params);
    } else {
        r = errorPage(200, u"Signed out"_s, u"You are signed out of the TokenLab sandbox. You can close this tab."_s);
    }
    r.setHeader("Set-Cookie", QByteArray(SessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    return r;
}
