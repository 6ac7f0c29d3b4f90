// SPDX-License-Identifier: MIT
// What the sandbox authorization server's endpoint families share: its
// clients and API by name, its memory bounds, the loopback redirect rule,
// scope lists and a constant-time comparison. Internal to app/sandbox.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace AuthorizationSupport {

// Bounded memory: beyond these the entries that expire soonest go first.
constexpr int MaxTransactions = 1000;
constexpr int MaxCodes = 1000;
constexpr int MaxRefreshTokens = 10000;
constexpr int MaxSessions = 1000;

QString nativeClient();
QString m2mClient();
QString apiAudience();

QByteArray toJson(const QJsonObject &o);
// RFC 8252 7.3: a loopback IP literal with any port; no fragment (RFC 6749 3.1.2).
bool isLoopbackRedirect(const QUrl &url);
// Compares digests so the time taken says nothing about the secret's length or content.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
// Space-separated scopes, each once, in the order given.
QStringList splitScopes(const QString &scope);
bool isBase64UrlOfLength(const QByteArray &s, int length);

template<typename Map>
void evictOldest(Map &map, int max)
{
    // Bounded memory under a flood: drop the entries that expire soonest.
    while (map.size() >= max) {
        auto oldest = map.begin();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it->expiresAt < oldest->expiresAt)
                oldest = it;
        }
        map.erase(oldest);
    }
}

} // namespace AuthorizationSupport
