// SPDX-License-Identifier: MIT
// Fetches and caches OpenID Provider metadata per issuer.
//
// Contract: every discover() returns a job that ends in exactly one
// finished(), on every path (cache hit, HTTP error, timeout, malformed
// document), never before discover() returns. Results are cached only
// when they succeed.
#pragma once

#include "oauth/providermetadata.h"

#include <QHash>
#include <QObject>
#include <chrono>

class QNetworkAccessManager;

struct DiscoveryResult
{
    QUrl issuer;
    std::optional<ProviderMetadata> metadata;
    QString error; // a sentence, when metadata is empty
};

class DiscoveryJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DiscoveryJob)

public:
    using QObject::QObject;

Q_SIGNALS:
    void finished(const DiscoveryResult &result);
};

class DiscoveryClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DiscoveryClient)

public:
    explicit DiscoveryClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    // The job deletes itself after finished(). first: the document asked for
    // first; a 404 for it falls back to the other (RFC 8414 and OpenID discovery).
    DiscoveryJob *discover(const QUrl &issuer, ProviderMetadata::Document first = ProviderMetadata::Document::OpenIdDiscovery);
    std::optional<ProviderMetadata> cached(const QUrl &issuer) const;
    void clearCache() { m_cache.clear(); }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

private:
    void complete(DiscoveryJob *job, const DiscoveryResult &result);
    // One document; a 404 for the first falls back to the other (earlier: what the first said).
    void fetch(DiscoveryJob *job, const QUrl &issuer, ProviderMetadata::Document document, const QString &earlier);

    QNetworkAccessManager *m_network;
    QHash<QString, ProviderMetadata> m_cache;
    std::chrono::milliseconds m_timeout{10000};
};
