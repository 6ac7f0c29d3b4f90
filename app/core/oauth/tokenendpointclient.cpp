#include "oauth/tokenendpointclient.h"
#include "http/networkerrors.h"

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

TokenJob *TokenEndpointClient::post(const QUrl &tokenEndpoint, const FormData &form, const QString &requestedScope,
                                    const QByteArray &authorization)
{
    auto *job = new TokenJob(this);
    QNetworkRequest request(tokenEndpoint);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    request.setTransferTimeout(int(m_timeout.count()));
    // A token endpoint that redirects would have us resend the code elsewhere: don't.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->post(request, form.encode());
    NetworkErrors::limitAnswer(reply, MaxAnswerBytes);
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
