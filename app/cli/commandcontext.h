// SPDX-License-Identifier: MIT
// What tokenlab-cli's commands share: the network, the token store, the
// discovery client, the profiles, stdout and stderr, and the few steps that
// several commands take the same way (which profile, the sandbox tenant,
// tokens fresh enough to send, opening a browser, forgetting tokens).
//
// One CliApp runs one command. Steps that can fail finish the running
// command (setRunning()) with a sentence on stderr; their continuation is
// then not called, so each failure reads and exits the same in every command.
#pragma once

#include "cli/exitstatus.h"
#include "oauth/tokenset.h"
#include "storage/profilestore.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>

class Command;
class DiscoveryClient;
class QCommandLineParser;
class DpopSigner;
class QNetworkAccessManager;
class QTextStream;
class QUrl;
class SandboxTenant;
class Session;
class SessionRegistry;
struct SandboxConfig;
class TokenStore;

class CommandContext : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(CommandContext)

public:
    CommandContext(QNetworkAccessManager *network, TokenStore *store, QTextStream &out, QTextStream &err,
                   QObject *parent = nullptr);
    ~CommandContext() override;

    QNetworkAccessManager *network() const { return m_network; }
    TokenStore *store() const { return m_store; }
    DiscoveryClient *discovery() const { return m_discovery; }
    ProfileStore &profiles() { return m_profiles; }
    QTextStream &out() const { return m_out; }
    QTextStream &err() const { return m_err; }

    // The command the failing steps below finish.
    void setRunning(Command *command);

    // Re-reads the profile file (other processes change it); false after a sentence on stderr.
    bool loadProfiles();
    // The --profile option's profile, or the active one; nullopt after
    // finishing the running command with a sentence.
    std::optional<Profile> chosenProfile(const QCommandLineParser &parser, const QString &command);
    // Starts the in-process sandbox tenant, which lives as long as this context;
    // nullptr with *error when it cannot listen.
    SandboxTenant *startSandbox(const SandboxConfig &config, QString *error);
    // The profile's Session: the one owner of its tokens in this process.
    Session *session(const Profile &profile);
    // The stored tokens, renewed first when forced or when the access token has
    // expired (through the Session, under the profile's lock); on failure the
    // command finishes with a sentence and then is not called.
    void withFreshTokens(const Profile &profile, bool force, const QString &scope,
                         std::function<void(const std::optional<TokenSet> &)> then);
    // The same, with the signer that DPoP-bound tokens' calls need (null for Bearer tokens).
    void withFreshCredentials(const Profile &profile, bool force, const QString &scope,
                              std::function<void(const std::optional<TokenSet> &, const std::shared_ptr<DpopSigner> &)> then);
    // The session's tokens as they are (expired or not), with the signer a DPoP-bound one needs.
    void withProofKey(Session *session,
                      std::function<void(const std::optional<TokenSet> &, const std::shared_ptr<DpopSigner> &)> then);
    // Deletes a profile's tokens and finishes the running command, saying so with done.
    // keys: also the profile's DPoP and client keys (the profile is being removed).
    void forgetTokens(const Profile &profile, const QString &done, bool keys = false);
    // Says where to sign in, then opens $BROWSER (or xdg-open) unless launch is false.
    void openBrowser(const QUrl &url, bool launch, const QString &purpose = QStringLiteral("Sign in with your browser."));

private:
    void finishRunning(Outcome outcome);

    QNetworkAccessManager *m_network;
    TokenStore *m_store;
    DiscoveryClient *m_discovery;
    SessionRegistry *m_sessions;
    QTextStream &m_out;
    QTextStream &m_err;
    ProfileStore m_profiles;
    std::unique_ptr<SandboxTenant> m_sandbox;
    QPointer<Command> m_running;
};
