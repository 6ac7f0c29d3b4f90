// Keeps a profile's tokens alive while TokenLab runs: refreshes them a set
// time before they expire (the profile's refreshBeforeSeconds, at most half
// their lifetime), on demand, and before an API call with an expired token.
// A user profile refreshes with its refresh token (RFC 6749 6); a
// machine-to-machine profile asks for a new token with its client
// credentials (RFC 6749 4.4).
//
// Contract: every refresh ends in exactly one refreshed() for the profile.
// A rotated refresh token replaces the old one through the store's save,
// which never half-writes; if that save fails the new tokens stay in
// memory for this run and the result says so. invalid_grant ends the
// session: the profile shows "session ended" and no further refresh is
// tried until a new login.
#pragma once

#include "util/clock.h"
#include "storage/profile.h"
#include "oauth/tokenset.h"

#include <QHash>
#include <QObject>
#include <chrono>
#include <QTimer>

class DiscoveryClient;
class QNetworkAccessManager;
class TokenEndpointClient;
class TokenStore;
struct DiscoveryResult;

struct RefreshResult
{
    bool ok = false;
    bool sessionEnded = false;  // the issuer refused the refresh token (invalid_grant)
    QString error;
    TokenSet tokens;            // the new tokens when ok
    QString storageWarning;
};

class TokenLifecycle : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(TokenLifecycle)

public:
    TokenLifecycle(QNetworkAccessManager *network, DiscoveryClient *discovery, TokenStore *store, Clock clock,
                   QObject *parent = nullptr);

    // Follow a profile's tokens (after a login or a restore) and schedule their renewal.
    void track(const Profile &profile, const TokenSet &tokens);
    void untrack(const QString &profile);
    std::optional<TokenSet> tokens(const QString &profile) const;
    bool canRefresh(const QString &profile) const;
    bool sessionEnded(const QString &profile) const;
    bool isRefreshing(const QString &profile) const;
    void setAutoRefresh(bool enabled) { m_auto = enabled; }
    // How long one token request may take before the refresh fails (30 s unless set).
    void setTokenTimeout(std::chrono::milliseconds timeout);

    // narrowScope: RFC 6749 6, a subset of what was granted; empty keeps it.
    void refreshNow(const QString &profile, const QString &narrowScope = {});

Q_SIGNALS:
    void refreshed(const QString &profile, const RefreshResult &result);
    void tokensChanged(const QString &profile, const TokenSet &tokens);

private:
    struct Entry
    {
        Profile profile;
        TokenSet tokens;
        QTimer *timer = nullptr;
        bool refreshing = false;
        bool ended = false;
        QString pendingScope;
    };
    void schedule(Entry &entry);
    void onDiscovered(const DiscoveryResult &result);
    void request(const QString &profile, const QUrl &tokenEndpoint, const QString &secret);
    void finish(const QString &profile, RefreshResult result);

    QNetworkAccessManager *m_network;
    DiscoveryClient *m_discovery;
    TokenStore *m_store;
    Clock m_clock;
    TokenEndpointClient *m_tokenClient;
    QHash<QString, Entry> m_entries;
    bool m_auto = true;
};
