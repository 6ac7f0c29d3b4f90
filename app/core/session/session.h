// SPDX-License-Identifier: MIT
// One profile's session: the one owner of its tokens and signed-in state in
// this process. The window's panels and the CLI's commands ask it and render
// what it emits; they keep no copy.
//
// Across processes the keychain is the truth. Every renewal is a
// read-modify-write under the profile's session lock (ProfileLock):
//
//   Session (any process)           lock dir            keychain          issuer
//   ---------------------           --------            --------          ------
//   refresh wanted ---- take <profile>.session.lock -->
//                  ---------------------------- load ---->
//                  <--------------------------- tokens ---
//   still expired?  no: use the stored tokens (another process renewed them)
//                   yes: --------------------------------------- refresh_token -->
//                        <------------------------------------- new tokens -----
//                        ------------------- save (store lock) ->  notice to others
//                  ---- release -------------------->
//
// So N processes on one expired token make one refresh and all N succeed,
// and a rotated refresh token is never sent twice. Other processes' saves
// arrive as TokenNotices (see SessionRegistry) and make the session reload.
//
// Contract: every operation returns a SessionJob with exactly one finished().
// Concurrent requests in one process share one renewal. invalid_grant ends
// the session ("log in again") and nothing is retried until a new login; a
// passing failure is retried by the timer after 30 s, never in a loop.
#pragma once

#include "session/sessionjob.h"
#include "storage/profile.h"
#include "util/clock.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <chrono>
#include <functional>
#include <memory>

class DiscoveryClient;
class DpopSigner;
struct RequestCredentials;
class ProfileLock;
class QNetworkAccessManager;
class TokenEndpointClient;
class TokenStore;

// What every session of a process shares.
struct SessionServices
{
    QNetworkAccessManager *network = nullptr;
    DiscoveryClient *discovery = nullptr;
    TokenStore *store = nullptr;
    Clock clock = systemClock();
    std::chrono::milliseconds tokenTimeout{30000}; // one token request
    std::chrono::milliseconds lockTimeout{90000};  // waiting for another process's renewal
};

class Session : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(Session)

public:
    enum class State {
        Unknown,    // not read from the keychain yet
        SignedOut,  // nothing stored
        SignedIn,   // tokens that have not expired
        Expired,    // the access token has expired (a refresh may renew it)
        Ended,      // the issuer refused the refresh token: log in again
        Stale,      // from an earlier sandbox run: log in again
    };
    Q_ENUM(State)

    Session(const Profile &profile, const SessionServices &services, QObject *parent = nullptr);
    ~Session() override;

    QString name() const { return m_profile.name; }
    const Profile &profile() const { return m_profile; }
    // The profile's settings changed (or the sandbox's live URLs arrived).
    void setProfile(const Profile &profile);

    State state() const;
    std::optional<TokenSet> tokens() const { return m_tokens; }
    // Why the session is Ended, Stale, or could not be read; empty otherwise.
    QString problem() const { return m_problem; }
    // Signed in, but the keychain could not keep the tokens (they live in memory for this run).
    QString storageWarning() const { return m_storageWarning; }
    bool isRefreshing() const { return m_renewal != nullptr; }
    // Renewing or forgetting: the registry waits for this before it deletes a removed profile's session.
    bool isBusy() const { return m_renewal || m_forgets > 0; }
    bool canRefresh() const;
    // The scopes the login asked for that the tokens do not carry.
    QStringList withheldScopes() const;

    void setAutoRefresh(bool enabled);
    // Says why tokens cannot be honoured any more (the sandbox's key or
    // ports changed since they were issued); empty when they can.
    void setContinuityCheck(std::function<QString(const TokenSet &)> check);

    // For DPoP-bound tokens: the signer of the profile's proof key, read from
    // the keychain once (finished() carries it in dpop, with the current tokens).
    SessionJob *proofKey();
    // The proof key's thumbprint once proofKey() (or a renewal) read it; empty before.
    QString dpopThumbprint() const;
    // The signer itself once read; null before (and after a new login until read again).
    std::shared_ptr<DpopSigner> dpopSigner() const;
    // Reads the keychain again; finished() carries the stored tokens.
    SessionJob *reload();
    // Renews the tokens now (Refresh), optionally narrowed (RFC 6749 6).
    SessionJob *refresh(const QString &narrowScope = {});
    // The tokens to call an API with: the stored ones, renewed first when
    // expired; for DPoP-bound tokens with the signer of the profile's proof key.
    SessionJob *freshTokens();
    // Deletes the stored tokens and client secret (Forget tokens); with
    // keys, also the profile's DPoP and client keys (the profile is removed).
    enum class Forget { Tokens, TokensAndKeys };
    SessionJob *forget(Forget what = Forget::Tokens);
    // A login stored these tokens (LoginFlow saves them itself).
    void signedIn(const TokenSet &tokens, const QString &storageWarning = {});
    // A logout deleted the stored tokens.
    void signedOut();

Q_SIGNALS:
    // Any change of state, the access token's expiry included.
    void changed();
    // No renewal or forget is running any more (see isBusy()).
    void idle();
    // Every renewal's outcome, the timer's included, for activity logs.
    void refreshed(const SessionResult &result);

private:
    enum class Need { Always, IfDue, IfExpired };
    struct Renewal;

    SessionJob *renew(Need need, const QString &narrowScope);
    void lockTaken(std::unique_ptr<ProfileLock> lock);
    void storedTokensRead(const std::optional<TokenSet> &stored, bool readFailed, const QString &readError);
    void requestTokens(const RequestCredentials &credentials, const QUrl &tokenEndpoint);
    void withSigner(SessionResult result, SessionJob *job);
    void endRenewal(SessionResult result);
    void adopt(const std::optional<TokenSet> &tokens);
    QDateTime dueAt(const TokenSet &tokens) const;
    bool isDue(const TokenSet &tokens) const;
    void recheck();
    bool refreshable(const TokenSet &tokens) const;
    void schedule();
    void watchExpiry();

    Profile m_profile;
    SessionServices m_services;
    TokenEndpointClient *m_tokenClient;
    std::shared_ptr<DpopSigner> m_dpop; // the proof key in use, read from the keychain once
    std::optional<TokenSet> m_tokens;
    bool m_loaded = false;
    bool m_ended = false;
    QString m_problem;
    QString m_storageWarning;
    std::function<QString(const TokenSet &)> m_continuity;
    std::unique_ptr<Renewal> m_renewal;
    std::unique_ptr<Renewal> m_queued; // a forced refresh asked for while another renewal ran
    QTimer m_timer;
    QTimer m_expiry; // says changed() when the access token expires, so views need not poll
    bool m_auto = true;
    int m_forgets = 0;
};
