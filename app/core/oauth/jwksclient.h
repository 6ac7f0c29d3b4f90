// SPDX-License-Identifier: MIT
// Fetches and caches JSON Web Key Sets by URL.
//
// Contract: every keys() returns a job that ends in exactly one finished(),
// on every path, never before keys() returns, and deletes itself after. A cached set is served unless refresh is asked;
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

class JwksJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(JwksJob)

public:
    using QObject::QObject;

Q_SIGNALS:
    // The key set, or nullopt and a sentence.
    void finished(const std::optional<KeySet> &keys, const QString &error);
};

class JwksClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(JwksClient)

public:
    JwksClient(QNetworkAccessManager *network, Clock clock, QObject *parent = nullptr);

    JwksJob *keys(const QUrl &jwksUri, bool refresh = false);
    int networkFetches() const { return m_networkFetches; }

private:
    static void complete(JwksJob *job, const std::optional<KeySet> &keys, const QString &error);

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
