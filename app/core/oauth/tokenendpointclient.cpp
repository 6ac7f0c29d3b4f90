// SPDX-License-Identifier: MIT
#include "oauth/tokenendpointclient.h"
#include "http/networkerrors.h"
#include "oauth/clientassertion.h"
#include "oauth/dpopsigner.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MaxAnswerBytes = 1024 * 1024;
}

TokenEndpointClient::TokenEndpointClient(QNetworkAccessManager *network, Clock clock, QObject *parent)
    : QObject(parent), m_network(network), m_clock(std::move(clock))
{
}

QString ClientCredentials::methodName() const
{
    switch (method) {
    case Method::None: return u"none"_s;
    case Method::Post: return u"client_secret_post"_s;
    case Method::Basic: return u"client_secret_basic"_s;
    case Method::PrivateKeyJwt: return u"private_key_jwt"_s;
    }
    return {};
}

struct TokenEndpointClient::Answer
{
    QNetworkReply *reply = nullptr;
    int status = 0;
    qint64 received = 0;
    QByteArray body;
    bool proofSent = false;
    bool retried = false;   // this is the answer to a retry with the server's DPoP nonce

    // A sentence for an answer that is no HTTP answer to read (none, cut
    // off, too large, a redirect); empty otherwise. what: "token endpoint".
    QString failure(const QString &what, const QString &redirectSentence) const
    {
        if (NetworkErrors::answerTooLarge(reply))
            return QCoreApplication::translate("TokenEndpointClient", "The %1's answer is larger than %2 bytes; TokenLab stopped reading it.").arg(what).arg(MaxAnswerBytes);
        if (status == 0)
            return QCoreApplication::translate("TokenEndpointClient", "No answer from the %1: %2").arg(what, NetworkErrors::sentence(reply));
        if (NetworkErrors::transferFailed(reply, received))
            return QCoreApplication::translate("TokenEndpointClient", "The %1's answer broke off: %2").arg(what, NetworkErrors::sentence(reply, received));
        if (status >= 300 && status < 400)
            return QCoreApplication::translate("TokenEndpointClient", "The %1 answered with a redirect (HTTP %2); %3").arg(what).arg(status).arg(redirectSentence);
        return {};
    }
};

void TokenEndpointClient::send(const QUrl &endpoint, const FormData &form, const ClientCredentials &client, const Dpop &dpop,
                               QObject *context, AnswerHandler done, bool mayRetry)
{
    FormData body = form;
    const QByteArray basic = authenticate(client, &body, m_clock().toSecsSinceEpoch());
    QNetworkRequest request(endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    if (!basic.isEmpty())
        request.setRawHeader("Authorization", basic);
    if (dpop)
        request.setRawHeader("DPoP", dpop->proof("POST", endpoint));
    request.setTransferTimeout(int(m_timeout.count()));
    // An endpoint that redirects would have us resend a code, token or secret elsewhere: don't.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->post(request, body.encode());
    NetworkErrors::limitAnswer(reply, MaxAnswerBytes);
    connect(reply, &QNetworkReply::finished, context, [=] {
        reply->deleteLater();
        Answer answer;
        answer.reply = reply;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.received = reply->bytesAvailable();
        answer.proofSent = bool(dpop);
        answer.retried = !mayRetry;
        const QByteArray nonce = reply->rawHeader("DPoP-Nonce");
        if (dpop && !nonce.isEmpty())
            dpop->rememberNonce(endpoint, nonce);
        if (!NetworkErrors::answerTooLarge(reply))
            answer.body = reply->read(MaxAnswerBytes);
        // RFC 9449 8: the server wants a nonce in the proof; once, with the one it gave.
        if (dpop && mayRetry && answer.status == 400 && !nonce.isEmpty()
            && QJsonDocument::fromJson(answer.body).object().value(u"error").toString() == u"use_dpop_nonce")
            return send(endpoint, form, client, dpop, context, done, false);
        done(answer);
    });
}

TokenJob *TokenEndpointClient::post(const QUrl &tokenEndpoint, const FormData &form, const QString &requestedScope,
                                    const ClientCredentials &client, const Dpop &dpop)
{
    auto *job = new TokenJob(this);
    send(tokenEndpoint, form, client, dpop, job, [this, job, requestedScope](const Answer &answer) {
        std::optional<TokenSet> tokens;
        QString error = answer.failure(QCoreApplication::translate("TokenEndpointClient", "token endpoint"), QCoreApplication::translate("TokenEndpointClient", "TokenLab does not send codes or secrets on to another address."));
        if (answer.retried)
            job->addNote(QCoreApplication::translate("TokenEndpointClient", "The token endpoint asked for a DPoP nonce; TokenLab sent the request again with it."));
        if (error.isEmpty()) {
            QString code;
            tokens = TokenResponse::parse(answer.status, answer.body, m_clock(), requestedScope, &error, &code, answer.proofSent);
            job->setErrorCode(code);
            if (tokens && answer.proofSent && !tokens->isDpopBound())
                job->addNote(QCoreApplication::translate("TokenEndpointClient", "The issuer answered the DPoP proof with a Bearer token: it does not bind tokens to the key (no DPoP support, or not for this client)."));
        }
        Q_EMIT job->finished(tokens, error);
        job->deleteLater();
    });
    return job;
}

QByteArray TokenEndpointClient::authenticate(const ClientCredentials &client, FormData *form, qint64 now)
{
    switch (client.method) {
    case ClientCredentials::Method::None:
        form->add(u"client_id"_s, client.clientId);
        return {};
    case ClientCredentials::Method::Post:
        form->add(u"client_id"_s, client.clientId);
        form->add(u"client_secret"_s, client.secret);
        return {};
    case ClientCredentials::Method::Basic:
        // RFC 6749 2.3.1: both parts form-encoded before base64.
        return "Basic " + QByteArray(FormData::encodeComponent(client.clientId) + ':' + FormData::encodeComponent(client.secret)).toBase64();
    case ClientCredentials::Method::PrivateKeyJwt:
        // RFC 7523 2.2; client_id too, as OpenID Connect Core 9 allows and some servers want.
        form->add(u"client_id"_s, client.clientId);
        form->add(u"client_assertion_type"_s, QString::fromLatin1(ClientAssertion::AssertionType));
        if (client.key)
            form->add(u"client_assertion"_s, QString::fromLatin1(ClientAssertion::make(*client.key, client.clientId, client.assertionAudience,
                                                                                         now, client.assertionAlgorithm)));
        return {};
    }
    return {};
}

TokenJob *TokenEndpointClient::exchangeCode(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &code,
                                            const QByteArray &verifier, const QUrl &redirectUri, const QString &requestedScope,
                                            const Dpop &dpop)
{
    FormData form;
    form.add(u"grant_type"_s, u"authorization_code"_s);
    form.add(u"code"_s, code);
    form.add(u"code_verifier"_s, QString::fromLatin1(verifier));
    form.add(u"redirect_uri"_s, redirectUri.toString());
    return post(tokenEndpoint, form, requestedScope, client, dpop);
}

TokenJob *TokenEndpointClient::refresh(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &refreshToken,
                                       const QString &scope, const QString &requestedScope, const Dpop &dpop)
{
    FormData form;
    form.add(u"grant_type"_s, u"refresh_token"_s);
    form.add(u"refresh_token"_s, refreshToken);
    if (!scope.isEmpty())
        form.add(u"scope"_s, scope);
    return post(tokenEndpoint, form, scope.isEmpty() ? requestedScope : scope, client, dpop);
}

TokenJob *TokenEndpointClient::clientCredentials(const QUrl &tokenEndpoint, const ClientCredentials &client,
                                                 const QString &audience, const QString &resource, const QString &scope,
                                                 const Dpop &dpop)
{
    FormData form;
    form.add(u"grant_type"_s, u"client_credentials"_s);
    if (!audience.isEmpty())
        form.add(u"audience"_s, audience);
    if (!resource.isEmpty())
        form.add(u"resource"_s, resource);
    if (!scope.isEmpty())
        form.add(u"scope"_s, scope);
    return post(tokenEndpoint, form, scope, client, dpop);
}

PushJob *TokenEndpointClient::pushAuthorization(const QUrl &parEndpoint, const FormData &parameters, const ClientCredentials &client,
                                                const Dpop &dpop)
{
    auto *job = new PushJob(this);
    // client_id travels with the client's authentication, not twice.
    FormData form;
    for (const auto &pair : parameters.pairs()) {
        if (pair.first != u"client_id")
            form.add(pair.first, pair.second);
    }
    send(parEndpoint, form, client, dpop, job, [job](const Answer &answer) {
        PushedAuthorization result;
        if (answer.retried)
            result.notes << QCoreApplication::translate("TokenEndpointClient", "The pushed authorization request endpoint asked for a DPoP nonce; TokenLab sent the request again with it.");
        result.error = answer.failure(QCoreApplication::translate("TokenEndpointClient", "pushed authorization request endpoint"),
                                      QCoreApplication::translate("TokenEndpointClient", "TokenLab does not send the authorization request on to another address."));
        const QJsonObject o = QJsonDocument::fromJson(answer.body).object();
        if (result.error.isEmpty() && answer.status != 201 && answer.status != 200) {
            // RFC 9126 2.3: errors as at the token endpoint.
            const QString code = o.value(u"error").toString();
            const QString description = o.value(u"error_description").toString();
            result.error = code.isEmpty()
                    ? QCoreApplication::translate("TokenEndpointClient", "The pushed authorization request endpoint answered HTTP %1 without an OAuth error.").arg(answer.status)
                    : QCoreApplication::translate("TokenEndpointClient", "The issuer refused the pushed authorization request: %1.").arg(description.isEmpty() ? code : description + u" ("_s + code + u')');
        } else if (result.error.isEmpty()) {
            // RFC 9126 2.2: request_uri and expires_in, both required.
            result.requestUri = o.value(u"request_uri").toString();
            result.expiresIn = o.value(u"expires_in").toInteger();
            if (result.requestUri.isEmpty() || result.requestUri.size() > 2048)
                result.error = QCoreApplication::translate("TokenEndpointClient", "The pushed authorization request endpoint's answer has no usable request_uri.");
            else if (result.expiresIn <= 0)
                result.error = QCoreApplication::translate("TokenEndpointClient", "The pushed authorization request endpoint's answer has no positive expires_in.");
            if (!result.error.isEmpty())
                result.requestUri.clear();
        }
        Q_EMIT job->finished(result);
        job->deleteLater();
    });
    return job;
}

DeviceAuthorizationJob *TokenEndpointClient::authorizeDevice(const QUrl &deviceEndpoint, const ClientCredentials &client,
                                                             const QString &scope, const QString &audience, const QString &resource,
                                                             const Dpop &dpop)
{
    // RFC 8628 3.1: client_id and scope; the client authenticates as at the token endpoint.
    FormData form;
    if (!scope.isEmpty())
        form.add(u"scope"_s, scope);
    if (!audience.isEmpty())
        form.add(u"audience"_s, audience);
    if (!resource.isEmpty())
        form.add(u"resource"_s, resource);
    auto *job = new DeviceAuthorizationJob(this);
    send(deviceEndpoint, form, client, dpop, job, [job](const Answer &answer) {
        DeviceAuthorizationResult result;
        if (answer.retried)
            result.notes << QCoreApplication::translate("TokenEndpointClient", "The device authorization endpoint asked for a DPoP nonce; TokenLab sent the request again with it.");
        result.error = answer.failure(QCoreApplication::translate("TokenEndpointClient", "device authorization endpoint"), QCoreApplication::translate("TokenEndpointClient", "TokenLab does not send the request on to another address."));
        if (result.error.isEmpty())
            result.authorization = DeviceAuthorization::parse(answer.status, answer.body, &result.error);
        if (result.authorization)
            result.error.clear();
        Q_EMIT job->finished(result);
        job->deleteLater();
    });
    return job;
}

TokenJob *TokenEndpointClient::exchangeDeviceCode(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &deviceCode,
                                                  const QString &requestedScope, const Dpop &dpop)
{
    // RFC 8628 3.4
    FormData form;
    form.add(u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:device_code"_s);
    form.add(u"device_code"_s, deviceCode);
    return post(tokenEndpoint, form, requestedScope, client, dpop);
}

IntrospectionJob *TokenEndpointClient::introspect(const QUrl &introspectionEndpoint, const ClientCredentials &client,
                                                 const QString &token, const QString &hint)
{
    FormData form;
    form.add(u"token"_s, token);
    if (!hint.isEmpty())
        form.add(u"token_type_hint"_s, hint);
    auto *job = new IntrospectionJob(this);
    send(introspectionEndpoint, form, client, {}, job, [job](const Answer &answer) {
        Introspection result;
        result.error = answer.failure(QCoreApplication::translate("TokenEndpointClient", "introspection endpoint"), QCoreApplication::translate("TokenEndpointClient", "TokenLab does not send tokens on to another address."));
        if (result.error.isEmpty())
            result = Introspection::parse(answer.status, answer.body);
        Q_EMIT job->finished(result);
        job->deleteLater();
    });
    return job;
}

RevocationJob *TokenEndpointClient::revoke(const QUrl &revocationEndpoint, const ClientCredentials &client, const QString &refreshToken)
{
    // RFC 7009 2.1
    FormData form;
    form.add(u"token"_s, refreshToken);
    form.add(u"token_type_hint"_s, u"refresh_token"_s);
    auto *job = new RevocationJob(this);
    send(revocationEndpoint, form, client, {}, job, [job](const Answer &answer) {
        QNetworkReply *reply = answer.reply;
        const int status = answer.status;
        RevocationResult result;
        result.error = answer.failure(QCoreApplication::translate("TokenEndpointClient", "revocation endpoint"), QCoreApplication::translate("TokenEndpointClient", "TokenLab does not send tokens on to another address."));
        if (!result.error.isEmpty()) {
            // no HTTP answer to read
        } else if (status == 200) {
            // RFC 7009 2.2: 200 for a revoked token and for one the server does not know; the body means nothing.
            result.revoked = true;
        } else if (status == 503) {
            // RFC 7009 2.2.1: the server could not revoke now; the token stays valid until a retry succeeds.
            result.mayRetry = true;
            const QByteArray retryAfter = reply->rawHeader("Retry-After").trimmed();
            result.error = QCoreApplication::translate("TokenEndpointClient", "The revocation endpoint is unavailable for now (HTTP 503)%1; the refresh token is still valid. Try again later.").arg(
                    retryAfter.isEmpty() ? QString() : QCoreApplication::translate("TokenEndpointClient", ", and asks to be tried again after %1").arg(QString::fromLatin1(retryAfter.left(64))));
        } else {
            // RFC 7009 2.2.1 with RFC 6749 5.2: error, error_description; say the description first.
            const QJsonObject o = QJsonDocument::fromJson(answer.body).object();
            result.errorCode = o.value(u"error").toString();
            const QString description = o.value(u"error_description").toString();
            if (result.errorCode.isEmpty())
                result.error = QCoreApplication::translate("TokenEndpointClient", "The revocation endpoint answered HTTP %1 without an OAuth error; is the revocation endpoint URL right?").arg(status);
            else if (result.errorCode == u"unsupported_token_type")
                result.error = QCoreApplication::translate("TokenEndpointClient", "The revocation endpoint does not revoke refresh tokens (unsupported_token_type); the refresh token stays valid until it expires.");
            else
                result.error = QCoreApplication::translate("TokenEndpointClient", "The revocation endpoint refused the request: %1.").arg(
                        description.isEmpty() ? result.errorCode : description + u" ("_s + result.errorCode + u')');
        }
        Q_EMIT job->finished(result);
        job->deleteLater();
    });
    return job;
}
