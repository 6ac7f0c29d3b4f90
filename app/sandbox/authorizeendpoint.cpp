// SPDX-License-Identifier: MIT
// /authorize and its login and consent steps: the request checks (RFC 6749
// 4.1.1, RFC 7636, RFC 8707, OIDC prompt and max_age, RFC 9449 dpop_jkt),
// shared with /oauth/par (parendpoint.cpp), the sign-in session,
// and the redirect back to the client with a code or an error.
#include "sandbox/authorizationserver.h"
#include "sandbox/authorizationsupport.h"
#include "sandbox/sandboxdirectory.h"
#include "sandbox/sessioncookie.h"
#include "util/securerandom.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;
using namespace AuthorizationSupport;

Q_LOGGING_CATEGORY(lcSandbox, "tokenlab.sandbox", QtInfoMsg)

HttpResponse AuthorizationServer::authorize(const HttpRequest &request)
{
    QString parseError;
    auto q = FormData::parse(request.query, &parseError);
    if (!q)
        return errorPage(400, u"The sign-in request is malformed"_s, parseError);
    if (q->contains(u"request_uri"_s)) {
        // RFC 9126 4: the pushed parameters, and only those.
        HttpResponse refusal;
        q = takePushedRequest(*q, &refusal);
        if (!q)
            return refusal;
    } else if (m_config.switches.requirePar) {
        return errorPage(400, u"Pushed authorization request required"_s,
                         u"This sandbox tenant accepts only pushed authorization requests (RFC 9126): POST the parameters to %1 first, then open /authorize with client_id and the request_uri it returns."_s
                                 .arg(endpoint(u"/oauth/par"_s).toString()));
    }
    const AuthorizationCheck check = checkAuthorization(*q);
    if (!check.ok)
        return check.toClient ? redirectError(check.txn, check.error, check.description)
                              : errorPage(400, check.title, check.description);
    return beginAuthorization(request, check.txn);
}

AuthorizationServer::AuthorizationCheck AuthorizationServer::checkAuthorization(const FormData &q) const
{
    AuthorizationCheck check;
    auto page = [&check](const QString &error, const QString &title, const QString &description) {
        check.error = error;
        check.title = title;
        check.description = description;
        return check;
    };
    auto toClient = [&check](const QString &error, const QString &description) {
        check.toClient = true;
        check.error = error;
        check.description = description;
        return check;
    };
    // RFC 6749 4.1.2.1: without a known client and a valid redirect URI the
    // error is shown here and never sent to an unchecked address.
    if (q.count(u"client_id"_s) != 1)
        return page(u"invalid_request"_s, u"Missing client_id"_s, u"The request must name exactly one client_id."_s);
    const QString clientId = q.value(u"client_id"_s);
    const RegisteredClient *registered = m_clients.find(clientId);
    if (clientId == m2mClient() || (registered && !registered->mayUse(u"authorization_code"_s)))
        return page(u"unauthorized_client"_s, u"Client cannot sign users in"_s,
                    u"The client \"%1\" is a machine-to-machine client; it uses the client credentials grant."_s.arg(clientId));
    if (clientId != nativeClient() && !registered)
        return page(u"invalid_client"_s, u"Unknown client"_s,
                    u"The sandbox has no client \"%1\"; its native client is \"%2\"."_s.arg(clientId, nativeClient()));
    if (q.count(u"redirect_uri"_s) != 1)
        return page(u"invalid_request"_s, u"Missing redirect_uri"_s, u"The request must carry exactly one redirect_uri."_s);
    const QUrl redirectUri(q.value(u"redirect_uri"_s), QUrl::StrictMode);
    if (!registered && !isLoopbackRedirect(redirectUri))
        return page(u"invalid_request"_s, u"Redirect URI not allowed"_s,
                    u"\"%1\" is not a loopback redirect. The native client accepts http://127.0.0.1:PORT/PATH or http://[::1]:PORT/PATH (RFC 8252 7.3)."_s
                            .arg(q.value(u"redirect_uri"_s)));
    if (registered && !registered->acceptsRedirect(redirectUri))
        return page(u"invalid_request"_s, u"Redirect URI not allowed"_s,
                    u"\"%1\" is not one of the redirect URIs registered for \"%2\"."_s.arg(q.value(u"redirect_uri"_s), clientId));

    Transaction &txn = check.txn;
    txn.clientId = clientId;
    txn.redirectUri = redirectUri;
    txn.state = q.value(u"state"_s);
    txn.expiresAt = now().addSecs(m_config.transactionLifetimeSeconds);

    const QString dup = q.firstDuplicate();
    if (!dup.isEmpty() && dup != u"resource")
        return toClient(u"invalid_request"_s, u"The parameter \"%1\" appears more than once."_s.arg(dup));
    if (q.value(u"response_type"_s) != u"code")
        return toClient(u"unsupported_response_type"_s,
                        q.contains(u"response_type"_s) ? u"Only response_type=code is supported."_s
                                                       : u"response_type is missing; use response_type=code."_s);
    // RFC 7636 4.4.1 and OAuth 2.1: PKCE is required, and only S256.
    const QByteArray challenge = q.value(u"code_challenge"_s).toLatin1();
    if (challenge.isEmpty())
        return toClient(u"invalid_request"_s, u"code_challenge is required (PKCE)."_s);
    if (q.value(u"code_challenge_method"_s) != u"S256")
        return toClient(u"invalid_request"_s, u"code_challenge_method must be S256."_s);
    if (!isBase64UrlOfLength(challenge, 43))
        return toClient(u"invalid_request"_s, u"code_challenge is not a base64url SHA-256 value (43 characters)."_s);
    txn.codeChallenge = challenge;
    if (q.contains(u"dpop_jkt"_s)) {
        // RFC 9449 10: the code will be exchanged only with a proof by this key.
        if (!isBase64UrlOfLength(q.value(u"dpop_jkt"_s).toLatin1(), 43))
            return toClient(u"invalid_request"_s, u"dpop_jkt is not a base64url SHA-256 key thumbprint (43 characters)."_s);
        txn.dpopJkt = q.value(u"dpop_jkt"_s);
    }

    const QString prompt = q.value(u"prompt"_s);
    const QStringList prompts = prompt.split(u' ', Qt::SkipEmptyParts);
    for (const QString &p : prompts) {
        if (!QStringList{u"none"_s, u"login"_s, u"consent"_s, u"select_account"_s}.contains(p))
            return toClient(u"invalid_request"_s, u"prompt value \"%1\" is not supported."_s.arg(p));
    }
    if (prompts.contains(u"none"_s) && prompts.size() > 1)
        return toClient(u"invalid_request"_s, u"prompt=none cannot be combined with other values."_s);
    txn.prompt = prompt;
    txn.loginHint = q.value(u"login_hint"_s);
    if (q.contains(u"max_age"_s)) {
        bool ok = false;
        txn.maxAge = q.value(u"max_age"_s).toLongLong(&ok);
        if (!ok || txn.maxAge < 0)
            return toClient(u"invalid_request"_s, u"max_age must be a non-negative number of seconds."_s);
    }

    // Auth0 names the API with "audience"; RFC 8707 with "resource".
    QStringList targets;
    if (q.contains(u"audience"_s))
        targets << q.value(u"audience"_s);
    for (const auto &p : q.pairs()) {
        if (p.first == u"resource" && !targets.contains(p.second))
            targets << p.second;
    }
    if (targets.size() > 1)
        return toClient(u"invalid_target"_s, u"The sandbox serves one API; audience and resource name different ones."_s);
    if (!targets.isEmpty()) {
        // RFC 8707 2: the API's URL (its RFC 9728 resource identifier) names it too; tokens carry its audience.
        if (!m_apiResource.isEmpty() && targets.first() == m_apiResource)
            targets.first() = apiAudience();
        if (targets.first() != apiAudience()) {
            if (q.contains(u"audience"_s))
                return toClient(u"access_denied"_s, u"Service not found: %1"_s.arg(targets.first()));
            return toClient(u"invalid_target"_s, u"The resource \"%1\" is not an API of this tenant."_s.arg(targets.first()));
        }
        txn.audience = targets.first();
    }
    if (q.contains(u"token_lifetime"_s)) {
        // Not OAuth: the sandbox's own way for tests to get short-lived tokens.
        bool ok = false;
        txn.tokenLifetime = q.value(u"token_lifetime"_s).toInt(&ok);
        if (!ok || txn.tokenLifetime < 1 || txn.tokenLifetime > 86400)
            return toClient(u"invalid_request"_s, u"token_lifetime must be 1 to 86400 seconds."_s);
    }
    txn.requestedScopes = splitScopes(q.value(u"scope"_s));
    txn.nonce = q.value(u"nonce"_s);
    check.ok = true;
    return check;
}

HttpResponse AuthorizationServer::beginAuthorization(const HttpRequest &request, const Transaction &txn)
{
    const QStringList prompts = txn.prompt.split(u' ', Qt::SkipEmptyParts);
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

AuthorizationServer::Transaction *AuthorizationServer::pendingTransaction(const QString &txnId, bool userChosen)
{
    auto it = m_transactions.find(txnId);
    if (txnId.isEmpty() || it == m_transactions.end() || (userChosen && it->userId.isEmpty()))
        return nullptr;
    return &*it;
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
    r.setHeader("Set-Cookie", SessionCookie::set(sid));
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
        if (r.status == 302)
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
    if (!txn.deviceCode.isEmpty())
        return decideDevice(txn, consented, true);
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
    code.grant.dpopJkt = txn.dpopJkt;
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
    if (!txn.deviceCode.isEmpty())
        return decideDevice(txn, {}, false); // no redirect: the device hears access_denied when it polls
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

QString AuthorizationServer::sessionUser(const HttpRequest &request, QDateTime *authTime) const
{
    for (const QString &sid : SessionCookie::values(request.header("Cookie"))) {
        const auto it = m_sessions.constFind(sid);
        if (it != m_sessions.constEnd()) {
            if (authTime)
                *authTime = it->authTime;
            return it->userId;
        }
    }
    return {};
}
