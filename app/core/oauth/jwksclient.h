// Fetches and caches JSON Web Key Sets by URL.
//
// Contract: every fetch() ends in exactly one finished() for that URL, never
// before fetch() returns. A cached set is served unless refresh is asked;
// a refresh (for a kid the cache does not know: the issuer rotated its
// keys) goes to the network at most once a minute per URL, so tokens with
// made-up kids cannot make TokenLab hammer an issuer.
#pragma once

#include "util/clock.h"
#include "jose/keyset.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

class JwksClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(JwksClient)

public:
    JwksClient(QNetworkAccessManager *network, Clock clock, QObject *parent = nullptr);

    void fetch(const QUrl &jwksUri, bool refresh = false);
    int networkFetches() const { return m_networkFetches; }

Q_SIGNALS:
    void finished(const QUrl &jwksUri, const std::optional<KeySet> &keys, const QString &error);

private:
    struct Entry
    {
        KeySet keys;
        QDateTime fetchedAt;
        QDateTime refreshedAt; // the last fetch a refresh asked for
    };
    QNetworkAccessManager *m_network;
    Clock m_clock;
    QHash<QString, Entry> m_cache;
    int m_networkFetches = 0;
};
