// Fetches and caches OpenID Provider metadata per issuer.
//
// Contract: every fetch() ends in exactly one finished() for that issuer,
// on every path (cache hit, HTTP error, timeout, malformed document), and
// never before fetch() returns. Results are cached only when they succeed.
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

class DiscoveryClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DiscoveryClient)

public:
    explicit DiscoveryClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void fetch(const QUrl &issuer);
    std::optional<ProviderMetadata> cached(const QUrl &issuer) const;
    void clearCache() { m_cache.clear(); }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

Q_SIGNALS:
    void finished(const DiscoveryResult &result);

private:
    QNetworkAccessManager *m_network;
    QHash<QString, ProviderMetadata> m_cache;
    std::chrono::milliseconds m_timeout{10000};
};
