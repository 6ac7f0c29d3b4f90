#include "session/tokenlifecycle.h"
#include "oauth/discoveryclient.h"
#include "oauth/tokenendpointclient.h"
#include "storage/tokenstore.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLifecycle, "tokenlab.lifecycle", QtInfoMsg)

TokenLifecycle::TokenLifecycle(QNetworkAccessManager *network, DiscoveryClient *discovery, TokenStore *store, Clock clock,
                               QObject *parent)
    : QObject(parent),
      m_network(network),
      m_discovery(discovery),
      m_store(store),
      m_clock(std::move(clock)),
      m_tokenClient(new TokenEndpointClient(network, m_clock, this))
{
    connect(m_discovery, &DiscoveryClient::finished, this, &TokenLifecycle::onDiscovered);
}

void TokenLifecycle::setTokenTimeout(std::chrono::milliseconds timeout)
{
    m_tokenClient->setTimeout(timeout);
}

void TokenLifecycle::track(const Profile &profile, const TokenSet &tokens)
{
    Entry &e = m_entries[profile.name];
    e.profile = profile;
    e.tokens = tokens;
    e.ended = false;
    if (!e.timer) {
        e.timer = new QTimer(this);
        e.timer->setSingleShot(true);
        connect(e.timer, &QTimer::timeout, this, [this, name = profile.name] {
            if (m_auto)
                refreshNow(name);
        });
    }
    schedule(e);
}

void TokenLifecycle::untrack(const QString &profile)
{
    auto it = m_entries.find(profile);
    if (it == m_entries.end())
        return;
    if (it->timer)
        it->timer->deleteLater();
    m_entries.erase(it);
}

std::optional<TokenSet> TokenLifecycle::tokens(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    if (it == m_entries.constEnd())
        return std::nullopt;
    return it->tokens;
}

bool TokenLifecycle::canRefresh(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    return it != m_entries.constEnd() && !it->ended && (it->profile.isMachineToMachine() || !it->tokens.refreshToken.isEmpty());
}

bool TokenLifecycle::sessionEnded(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    return it != m_entries.constEnd() && it->ended;
}

bool TokenLifecycle::isRefreshing(const QString &profile) const
{
    const auto it = m_entries.constFind(profile);
    return it != m_entries.constEnd() && it->refreshing;
}

void TokenLifecycle::schedule(Entry &e)
{
    e.timer->stop();
    if (e.ended || !e.tokens.expiresAt.isValid() || !(e.profile.isMachineToMachine() || !e.tokens.refreshToken.isEmpty()))
        return;
    const QDateTime now = m_clock();
    const qint64 lifetime = e.tokens.obtainedAt.isValid() ? e.tokens.obtainedAt.secsTo(e.tokens.expiresAt) : 0;
    const qint64 lead = qMin<qint64>(e.profile.refreshBeforeSeconds, qMax<qint64>(1, lifetime / 2));
    const qint64 due = now.msecsTo(e.tokens.expiresAt.addSecs(-lead));
    e.timer->start(std::chrono::milliseconds(qBound<qint64>(0, due, 24LL * 3600 * 1000)));
}

void TokenLifecycle::refreshNow(const QString &profile, const QString &narrowScope)
{
    auto it = m_entries.find(profile);
    if (it == m_entries.end() || it->refreshing) {
        if (it == m_entries.end()) {
            QTimer::singleShot(0, this, [this, profile] {
                Q_EMIT refreshed(profile, RefreshResult{false, false, u"There are no tokens to refresh for this profile; log in first."_s, {}, {}});
            });
        }
        return; // a refresh in progress ends in its own refreshed()
    }
    if (it->ended || !(it->profile.isMachineToMachine() || !it->tokens.refreshToken.isEmpty())) {
        const QString why = it->ended ? u"The session has ended; log in again."_s
                                      : u"There is no refresh token; log in again (ask for offline_access to get one)."_s;
        QTimer::singleShot(0, this, [this, profile, why, ended = it->ended] {
            Q_EMIT refreshed(profile, RefreshResult{false, ended, why, {}, {}});
        });
        return;
    }
    it->refreshing = true;
    it->pendingScope = narrowScope;
    qCDebug(lcLifecycle) << "refreshing the tokens of" << profile;
    m_discovery->fetch(it->profile.issuer);
}

void TokenLifecycle::onDiscovered(const DiscoveryResult &result)
{
    const QStringList names = m_entries.keys();
    for (const QString &name : names) {
        Entry &e = m_entries[name];
        if (!e.refreshing || e.profile.issuer != result.issuer)
            continue;
        if (!result.metadata) {
            finish(name, RefreshResult{false, false, result.error, {}, {}});
            continue;
        }
        const QUrl tokenEndpoint = result.metadata->tokenEndpoint;
        if (!e.profile.isMachineToMachine()) {
            request(name, tokenEndpoint, {});
            continue;
        }
        // The client secret lives in the keychain only; read it for this request.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_store, &TokenStore::secretLoaded, this,
                              [this, name, tokenEndpoint, connection](const QString &p, const QString &secret, TokenStoreError error,
                                                                      const QString &message) {
                                  if (p != name)
                                      return;
                                  disconnect(*connection);
                                  if (error != TokenStoreError::None || secret.isEmpty())
                                      return finish(name, RefreshResult{false, false,
                                                                        error == TokenStoreError::NotFound
                                                                                ? u"The client secret is not in the keychain; enter it in the profile again."_s
                                                                                : message,
                                                                        {}, {}});
                                  request(name, tokenEndpoint, secret);
                              });
        m_store->loadSecret(name);
    }
}

void TokenLifecycle::request(const QString &profile, const QUrl &tokenEndpoint, const QString &secret)
{
    Entry &e = m_entries[profile];
    ClientCredentials client;
    client.clientId = e.profile.clientId;
    TokenJob *job = nullptr;
    if (e.profile.isMachineToMachine()) {
        client.method = e.profile.clientAuth == Profile::ClientAuth::Basic ? ClientCredentials::Method::Basic : ClientCredentials::Method::Post;
        client.secret = secret;
        job = m_tokenClient->clientCredentials(tokenEndpoint, client, e.profile.audience, e.profile.resource,
                                               e.pendingScope.isEmpty() ? e.tokens.requestedScope : e.pendingScope);
    } else {
        client.method = ClientCredentials::Method::None; // a native app is a public client
        job = m_tokenClient->refresh(tokenEndpoint, client, e.tokens.refreshToken, e.pendingScope, e.tokens.requestedScope);
    }
    connect(job, &TokenJob::finished, this, [this, profile, job](const std::optional<TokenSet> &answer, const QString &error) {
        if (!m_entries.contains(profile))
            return;
        if (!answer) {
            const bool ended = job->errorCode() == u"invalid_grant";
            return finish(profile, RefreshResult{false, ended,
                                                 ended ? u"Session ended: the issuer no longer accepts this login's refresh token. Log in again."_s
                                                       : error,
                                                 {}, {}});
        }
        const Entry &entry = m_entries[profile];
        TokenSet fresh = entry.profile.isMachineToMachine() ? *answer : entry.tokens.refreshedWith(*answer);
        if (entry.profile.isMachineToMachine())
            fresh.requestedScope = entry.tokens.requestedScope;
        // Save first; the new tokens are used either way.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_store, &TokenStore::saved, this,
                              [this, profile, fresh, connection](const QString &p, TokenStoreError e, const QString &message) {
                                  if (p != profile)
                                      return;
                                  disconnect(*connection);
                                  RefreshResult r{true, false, {}, fresh, {}};
                                  if (e != TokenStoreError::None)
                                      r.storageWarning = message;
                                  finish(profile, r);
                              });
        m_store->save(profile, fresh);
    });
}

void TokenLifecycle::finish(const QString &profile, RefreshResult result)
{
    auto it = m_entries.find(profile);
    if (it == m_entries.end())
        return;
    it->refreshing = false;
    it->pendingScope.clear();
    if (result.ok) {
        it->tokens = result.tokens;
        schedule(*it);
        Q_EMIT tokensChanged(profile, result.tokens);
    } else if (result.sessionEnded) {
        it->ended = true; // no looping: nothing is scheduled until a new login
        it->timer->stop();
    } else {
        // A passing failure (network, a keychain that did not answer): try again in a while, not in a loop.
        it->timer->start(std::chrono::seconds(30));
    }
    qCDebug(lcLifecycle) << "refresh of" << profile << (result.ok ? "succeeded" : "failed");
    Q_EMIT refreshed(profile, result);
}
