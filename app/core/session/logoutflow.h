// SPDX-License-Identifier: MIT
// Logging out of a profile, step by step, each step's result reported:
//   1. revoke the refresh token (RFC 7009) where the issuer offers revocation;
//   2. delete the profile's tokens from the token store;
//   3. optionally, end the browser session: the issuer's end_session_endpoint
//      (OpenID Connect RP-Initiated Logout) or, for an Auth0 domain, /v2/logout,
//      returning to a loopback post_logout_redirect_uri caught by the same
//      receiver as a login.
// Steps 1 and 2 hold the profile's session lock and start from the tokens
// stored at that moment (another process may have rotated them). A failed
// step does not stop the others: the local tokens are deleted even when
// the issuer cannot be reached. Exactly one finished() per start().
#pragma once

#include "util/clock.h"
#include "jose/idtokenchecks.h"
#include "storage/profile.h"
#include "storage/profilelock.h"
#include "oauth/providermetadata.h"
#include "oauth/tokenset.h"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <memory>

class DiscoveryClient;
class LoopbackReceiver;
class QNetworkAccessManager;
class TokenStore;
struct AuthorizationCallback;
struct ClientCredentials;
struct DiscoveryResult;

struct LogoutResult
{
    QList<ClaimCheck> steps;  // name, result, sentence
    bool ok() const;          // nothing failed
};

class LogoutFlow : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(LogoutFlow)

public:
    LogoutFlow(QNetworkAccessManager *network, DiscoveryClient *discovery, TokenStore *store, QObject *parent = nullptr);

    void start(const Profile &profile, const std::optional<TokenSet> &tokens, bool endBrowserSession,
               std::chrono::seconds browserTimeout = std::chrono::seconds(120));

Q_SIGNALS:
    void progress(const QString &message);
    void openBrowserRequested(const QUrl &url);
    void finished(const LogoutResult &result);

private:
    void onDiscovered(const DiscoveryResult &result);
    void revoke();
    void revokeAs(const ClientCredentials &client);
    void removeTokens();
    void endSession();
    void step(const QString &name, ClaimCheck::Result result, const QString &detail);
    void done();

    QNetworkAccessManager *m_network;
    DiscoveryClient *m_discovery;
    TokenStore *m_store;
    Profile m_profile;
    std::optional<TokenSet> m_tokens;
    std::optional<ProviderMetadata> m_metadata;
    bool m_endSession = false;
    bool m_running = false;
    std::chrono::seconds m_browserTimeout{120};
    LoopbackReceiver *m_receiver = nullptr;
    QTimer m_timer;
    LogoutResult m_result;
    std::unique_ptr<ProfileLock> m_lock; // held from the re-read to the delete
};
