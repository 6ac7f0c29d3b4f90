// SPDX-License-Identifier: MIT
#include "oauth/jwksclient.h"
#include "http/networkerrors.h"
#include "oauth/providermetadata.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MaxDocumentBytes = 512 * 1024;
constexpr int RefreshIntervalSeconds = 60;
}

JwksClient::JwksClient(QNetworkAccessManager *network, Clock clock, QObject *parent)
    : QObject(parent), m_network(network), m_clock(std::move(clock))
{
}

void JwksClient::complete(JwksJob *job, const std::optional<KeySet> &keys, const QString &error)
{
    Q_EMIT job->finished(keys, error);
    job->deleteLater();
}

JwksJob *JwksClient::keys(const QUrl &jwksUri, bool refresh)
{
    auto *job = new JwksJob(this);
    const auto it = m_cache.constFind(jwksUri.toString());
    const bool refreshedRecently = it != m_cache.constEnd() && it->refreshedAt.isValid()
            && it->refreshedAt.secsTo(m_clock()) < RefreshIntervalSeconds;
    if (it != m_cache.constEnd() && (!refresh || refreshedRecently)) {
        QTimer::singleShot(0, job, [job, keys = it->keys] { complete(job, keys, {}); });
        return job;
    }
    if (!ProviderMetadata::isAcceptableEndpoint(jwksUri)) {
        QTimer::singleShot(0, job, [job, jwksUri] {
            complete(job, std::nullopt, QCoreApplication::translate("JwksClient", "The JWKS URL \"%1\" is not https (http only on loopback addresses).").arg(jwksUri.toString()));
        });
        return job;
    }
    ++m_networkFetches;
    QNetworkRequest request(jwksUri);
    request.setRawHeader("Accept", "application/json, application/jwk-set+json");
    request.setTransferTimeout(10000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    NetworkErrors::limitAnswer(reply, MaxDocumentBytes);
    connect(reply, &QNetworkReply::finished, job, [this, job, reply, jwksUri, refresh] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 received = reply->bytesAvailable();
        if (NetworkErrors::transferFailed(reply, received))
            return complete(job, std::nullopt, QCoreApplication::translate("JwksClient", "Could not read the JWKS at %1: %2").arg(jwksUri.toString(), NetworkErrors::sentence(reply, received)));
        if (status != 200)
            return complete(job, std::nullopt, QCoreApplication::translate("JwksClient", "The JWKS at %1 answered HTTP %2.").arg(jwksUri.toString()).arg(status));
        QString why;
        auto keys = KeySet::parse(reply->read(MaxDocumentBytes), &why);
        if (!keys)
            return complete(job, std::nullopt, QCoreApplication::translate("JwksClient", "The JWKS at %1 cannot be read: %2").arg(jwksUri.toString(), why));
        const QDateTime previousRefresh = m_cache.value(jwksUri.toString()).refreshedAt;
        m_cache.insert(jwksUri.toString(), Entry{*keys, m_clock(), refresh ? m_clock() : previousRefresh});
        complete(job, keys, {});
    });
    return job;
}
