#include "oauth/tokenendpointclient.h"
#include "http/networkerrors.h"

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

TokenJob *TokenEndpointClient::exchangeCode(const QUrl &tokenEndpoint, const QString &clientId, const QString &code,
                                            const QByteArray &verifier, const QUrl &redirectUri, const QString &requestedScope)
{
    FormData form;
    form.add(u"grant_type"_s, u"authorization_code"_s);
    form.add(u"client_id"_s, clientId);
    form.add(u"code"_s, code);
    form.add(u"code_verifier"_s, QString::fromLatin1(verifier));
    form.add(u"redirect_uri"_s, redirectUri.toString());
    return post(tokenEndpoint, form, requestedScope);
}

QNetworkReply *TokenEndpointClient::send(const QUrl &endpoint, const FormData &form, const QByteArray &authorization)
{
    QNetworkRequest request(endpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    request.setTransferTimeout(int(m_timeout.count()));
    // An endpoint that redirects would have us resend a code, token or secret elsewhere: don't.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->post(request, form.encode());
    NetworkErrors::limitAnswer(reply, MaxAnswerBytes);
    return reply;
}

TokenJob *TokenEndpointClient::post(const QUrl &tokenEndpoint, const FormData &form, const QString &requestedScope,
                                    const QByteArray &authorization)
{
    auto *job = new TokenJob(this);
    QNetworkReply *reply = send(tokenEndpoint, form, authorization);
    connect(reply, &QNetworkReply::finished, job, [this, job, reply, requestedScope] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 received = reply->bytesAvailable();
        std::optional<TokenSet> tokens;
        QString error;
        if (NetworkErrors::answerTooLarge(reply)) {
            error = u"The token endpoint's answer is larger than %1 bytes; TokenLab stopped reading it."_s.arg(MaxAnswerBytes);
        } else if (status == 0) {
            error = u"No answer from the token endpoint: %1"_s.arg(NetworkErrors::sentence(reply));
        } else if (NetworkErrors::transferFailed(reply, received)) {
            error = u"The token endpoint's answer broke off: %1"_s.arg(NetworkErrors::sentence(reply, received));
        } else if (status >= 300 && status < 400) {
            error = u"The token endpoint answered with a redirect (HTTP %1); TokenLab does not send codes or secrets on to another address."_s.arg(status);
        } else {
            QString code;
            tokens = TokenResponse::parse(status, reply->read(MaxAnswerBytes), m_clock(), requestedScope, &error, &code);
            job->setErrorCode(code);
        }
        Q_EMIT job->finished(tokens, error);
        job->deleteLater();
    });
    return job;
}

QByteArray TokenEndpointClient::authenticate(const ClientCredentials &client, FormData *form)
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
    }
    return {};
}

TokenJob *TokenEndpointClient::refresh(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &refreshToken,
                                       const QString &scope, const QString &requestedScope)
{
    FormData form;
    form.add(u"grant_type"_s, u"refresh_token"_s);
    form.add(u"refresh_token"_s, refreshToken);
    if (!scope.isEmpty())
        form.add(u"scope"_s, scope);
    const QByteArray basic = authenticate(client, &form);
    return post(tokenEndpoint, form, scope.isEmpty() ? requestedScope : scope, basic);
}

TokenJob *TokenEndpointClient::clientCredentials(const QUrl &tokenEndpoint, const ClientCredentials &client,
                                                 const QString &audience, const QString &resource, const QString &scope)
{
    FormData form;
    form.add(u"grant_type"_s, u"client_credentials"_s);
    if (!audience.isEmpty())
        form.add(u"audience"_s, audience);
    if (!resource.isEmpty())
        form.add(u"resource"_s, resource);
    if (!scope.isEmpty())
        form.add(u"scope"_s, scope);
    const QByteArray basic = authenticate(client, &form);
    return post(tokenEndpoint, form, scope, basic);
}

RevocationJob *TokenEndpointClient::revoke(const QUrl &revocationEndpoint, const ClientCredentials &client, const QString &refreshToken)
{
    // RFC 7009 2.1
    FormData form;
    form.add(u"token"_s, refreshToken);
    form.add(u"token_type_hint"_s, u"refresh_token"_s);
    const QByteArray basic = authenticate(client, &form);
    auto *job = new RevocationJob(this);
    QNetworkReply *reply = send(revocationEndpoint, form, basic);
    connect(reply, &QNetworkReply::finished, job, [job, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 received = reply->bytesAvailable();
        RevocationResult result;
        if (NetworkErrors::answerTooLarge(reply)) {
            result.error = u"The revocation endpoint's answer is larger than %1 bytes; TokenLab stopped reading it."_s.arg(MaxAnswerBytes);
        } else if (status == 0) {
            result.error = u"No answer from the revocation endpoint: %1"_s.arg(NetworkErrors::sentence(reply));
        } else if (NetworkErrors::transferFailed(reply, received)) {
            result.error = u"The revocation endpoint's answer broke off: %1"_s.arg(NetworkErrors::sentence(reply, received));
        } else if (status == 200) {
            // RFC 7009 2.2: 200 for a revoked token and for one the server does not know; the body means nothing.
            result.revoked = true;
        } else if (status == 503) {
            // RFC 7009 2.2.1: the server could not revoke now; the token stays valid until a retry succeeds.
            result.mayRetry = true;
            const QByteArray retryAfter = reply->rawHeader("Retry-After").trimmed();
            result.error = u"The revocation endpoint is unavailable for now (HTTP 503)%1; the refresh token is still valid. Try again later."_s.arg(
                    retryAfter.isEmpty() ? QString() : u", and asks to be tried again after %1"_s.arg(QString::fromLatin1(retryAfter.left(64))));
        } else if (status >= 300 && status < 400) {
            result.error = u"The revocation endpoint answered with a redirect (HTTP %1); TokenLab does not send tokens on to another address."_s.arg(status);
        } else {
            // RFC 7009 2.2.1 with RFC 6749 5.2: error, error_description; say the description first.
            const QJsonObject o = QJsonDocument::fromJson(reply->read(MaxAnswerBytes)).object();
            result.errorCode = o.value(u"error").toString();
            const QString description = o.value(u"error_description").toString();
            if (result.errorCode.isEmpty())
                result.error = u"The revocation endpoint answered HTTP %1 without an OAuth error; is the revocation endpoint URL right?"_s.arg(status);
            else if (result.errorCode == u"unsupported_token_type")
                result.error = u"The revocation endpoint does not revoke refresh tokens (unsupported_token_type); the refresh token stays valid until it expires."_s;
            else
                result.error = u"The revocation endpoint refused the request: %1."_s.arg(
                        description.isEmpty() ? result.errorCode : description + u" ("_s + result.errorCode + u')');
        }
        Q_EMIT job->finished(result);
        job->deleteLater();
    });
    return job;
}
