// SPDX-License-Identifier: MIT
#include "oauth/discoveryclient.h"
#include "http/networkerrors.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MaxDocumentBytes = 512 * 1024;
}

DiscoveryClient::DiscoveryClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{
}

std::optional<ProviderMetadata> DiscoveryClient::cached(const QUrl &issuer) const
{
    const auto it = m_cache.constFind(issuer.toString());
    if (it == m_cache.constEnd())
        return std::nullopt;
    return *it;
}

void DiscoveryClient::complete(DiscoveryJob *job, const DiscoveryResult &result)
{
    Q_EMIT job->finished(result);
    job->deleteLater();
}

DiscoveryJob *DiscoveryClient::discover(const QUrl &issuer, ProviderMetadata::Document first)
{
    auto *job = new DiscoveryJob(this);
    if (const auto hit = cached(issuer)) {
        QTimer::singleShot(0, job, [this, job, issuer, m = *hit] { complete(job, {issuer, m, {}}); });
        return job;
    }
    if (!ProviderMetadata::isAcceptableEndpoint(issuer)) {
        QTimer::singleShot(0, job, [this, job, issuer] {
            complete(job, {issuer, std::nullopt,
                           QCoreApplication::translate("DiscoveryClient", "The issuer \"%1\" is not an https URL (http is allowed only on loopback addresses).").arg(issuer.toString())});
        });
        return job;
    }
    fetch(job, issuer, first, {});
    return job;
}

void DiscoveryClient::fetch(DiscoveryJob *job, const QUrl &issuer, ProviderMetadata::Document document, const QString &earlier)
{
    const bool openId = document == ProviderMetadata::Document::OpenIdDiscovery;
    QNetworkRequest request(openId ? ProviderMetadata::discoveryUrl(issuer) : ProviderMetadata::oauthMetadataUrl(issuer));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_timeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    NetworkErrors::limitAnswer(reply, MaxDocumentBytes);
    connect(reply, &QNetworkReply::finished, job, [this, job, reply, issuer, document, openId, earlier] {
        reply->deleteLater();
        DiscoveryResult result{issuer, std::nullopt, {}};
        const QUrl url = reply->request().url();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 received = reply->bytesAvailable();
        if (NetworkErrors::transferFailed(reply, received)) {
            result.error = QCoreApplication::translate("DiscoveryClient", "Could not read the discovery document at %1: %2").arg(url.toString(), NetworkErrors::sentence(reply, received));
        } else if (status == 404 && earlier.isEmpty()) {
            // No OpenID discovery: an OAuth 2.0 authorization server publishes RFC 8414 metadata instead (or the other way round).
            return fetch(job, issuer, openId ? ProviderMetadata::Document::OAuthMetadata : ProviderMetadata::Document::OpenIdDiscovery,
                         QCoreApplication::translate("DiscoveryClient", "%1 answered HTTP 404").arg(url.toString()));
        } else if (status != 200) {
            result.error = earlier.isEmpty()
                    ? QCoreApplication::translate("DiscoveryClient", "The discovery document at %1 answered HTTP %2; is the issuer URL right?").arg(url.toString()).arg(status)
                    : openId ? QCoreApplication::translate("DiscoveryClient", "The issuer publishes neither RFC 8414 metadata (%1) nor OpenID discovery (%2 answered HTTP %3); is the issuer URL right?")
                                       .arg(earlier, url.toString()).arg(status)
                             : QCoreApplication::translate("DiscoveryClient", "The issuer publishes neither OpenID discovery (%1) nor RFC 8414 metadata (%2 answered HTTP %3); is the issuer URL right?")
                                       .arg(earlier, url.toString()).arg(status);
        } else {
            QString why;
            result.metadata = ProviderMetadata::parse(reply->read(MaxDocumentBytes), issuer, &why, document);
            if (result.metadata)
                m_cache.insert(issuer.toString(), *result.metadata);
            else
                result.error = openId ? why : QCoreApplication::translate("DiscoveryClient", "The RFC 8414 metadata at %1: %2").arg(url.toString(), why);
        }
        complete(job, result);
    });
}
