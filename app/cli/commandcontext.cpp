// SPDX-License-Identifier: MIT
#include "cli/commandcontext.h"
#include "cli/clitext.h"
#include "cli/command.h"
#include "oauth/discoveryclient.h"
#include "sandbox/sandboxtenant.h"
#include "session/sessionregistry.h"
#include "storage/tokenstore.h"
#include "util/clock.h"
#include "util/externalbrowser.h"

#include <QCommandLineParser>
#include <QStandardPaths>
#include <QTextStream>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

CommandContext::CommandContext(QNetworkAccessManager *network, TokenStore *store, QTextStream &out, QTextStream &err,
                               QObject *parent)
    : QObject(parent),
      m_network(network),
      m_store(store),
      m_discovery(new DiscoveryClient(network, this)),
      m_sessions(new SessionRegistry(SessionServices{network, m_discovery, store, systemClock()}, this)),
      m_out(out),
      m_err(err)
{
}

Session *CommandContext::session(const Profile &profile)
{
    Session *s = m_sessions->session(profile);
    s->setAutoRefresh(false); // a command renews only when it needs to
    return s;
}

CommandContext::~CommandContext() = default;

void CommandContext::setRunning(Command *command)
{
    m_running = command;
}

void CommandContext::finishRunning(Outcome outcome)
{
    if (m_running)
        m_running->finish(outcome);
}

bool CommandContext::loadProfiles()
{
    QString error;
    if (!m_profiles.load(&error)) {
        m_err << "tokenlab-cli: " << error << '\n';
        return false;
    }
    return true;
}

std::optional<Profile> CommandContext::chosenProfile(const QCommandLineParser &parser, const QString &command)
{
    if (!loadProfiles()) {
        finishRunning(Outcome::Failed);
        return std::nullopt;
    }
    const QString name = parser.isSet(u"profile"_s) ? parser.value(u"profile"_s) : m_profiles.active();
    auto profile = m_profiles.profile(name);
    if (!profile) {
        m_err << CliText::format(tr("tokenlab-cli %1: there is no profile named \"%2\"; see tokenlab-cli profile list."), command, name) << '\n';
        finishRunning(Outcome::UsageError);
    }
    return profile;
}

SandboxTenant *CommandContext::startSandbox(const SandboxConfig &config, QString *error)
{
    m_sandbox = std::make_unique<SandboxTenant>(config);
    if (!m_sandbox->start()) {
        *error = m_sandbox->errorString();
        m_sandbox.reset();
        return nullptr;
    }
    return m_sandbox.get();
}

void CommandContext::withFreshTokens(const Profile &profile, bool force, const QString &scope,
                                     std::function<void(const std::optional<TokenSet> &)> then)
{
    withFreshCredentials(profile, force, scope,
                         [then](const std::optional<TokenSet> &tokens, const std::shared_ptr<DpopSigner> &) { then(tokens); });
}

void CommandContext::withFreshCredentials(const Profile &profile, bool force, const QString &scope,
                                          std::function<void(const std::optional<TokenSet> &, const std::shared_ptr<DpopSigner> &)> then)
{
    // The profile's Session renews under the profile's lock, so parallel
    // commands (and the app) on one expired token make one refresh.
    Session *s = session(profile);
    SessionJob *job = force ? s->refresh(scope) : s->freshTokens();
    connect(job, &SessionJob::finished, this, [this, s, force, then](const SessionResult &r) {
        if (r.ok()) {
            if (r.renewed)
                m_err << (force ? "Renewed the tokens.\n" : "Renewed the tokens (the access token had expired).\n");
            else if (r.adopted)
                m_err << tr("Another TokenLab process had just renewed the tokens; using those.") << '\n';
            if (!r.storageWarning.isEmpty())
                m_err << CliText::format(tr("Warning: %1"), r.storageWarning) << '\n';
            return then(r.tokens, r.dpop);
        }
        m_err << "tokenlab-cli: " << r.sentence << '\n';
        // Before a call, a token that could not be renewed for a passing reason
        // (or none at all) is still sent, and the API's answer is explained.
        const bool passing = r.error == SessionError::Refused || r.error == SessionError::Busy || r.error == SessionError::NoTokens;
        if (!force && passing)
            return withProofKey(s, then);
        finishRunning(Outcome::Failed);
    });
}

void CommandContext::withProofKey(Session *s, std::function<void(const std::optional<TokenSet> &, const std::shared_ptr<DpopSigner> &)> then)
{
    // The tokens as they are; a DPoP-bound one with the signer of its key, so it never goes without a proof.
    const std::optional<TokenSet> tokens = s->tokens();
    if (!tokens || !tokens->isDpopBound())
        return then(tokens, {});
    connect(s->proofKey(), &SessionJob::finished, this, [tokens, then](const SessionResult &r) { then(tokens, r.dpop); });
}

void CommandContext::forgetTokens(const Profile &profile, const QString &done, bool keys)
{
    connect(session(profile)->forget(keys ? Session::Forget::TokensAndKeys : Session::Forget::Tokens), &SessionJob::finished, this, [this, done](const SessionResult &r) {
        if (!r.ok()) {
            m_err << CliText::format(tr("tokenlab-cli: %1, but its tokens could not be deleted from the keychain: %2"), done, r.sentence) << '\n';
            return finishRunning(Outcome::Failed);
        }
        m_err << CliText::format(tr("%1 and deleted its tokens from %2."), done, m_store->backendName()) << '\n';
        finishRunning(Outcome::Success);
    });
}

void CommandContext::openBrowser(const QUrl &url, bool launch, const QString &purpose)
{
    // The browser gets the whole URL; stderr never shows a token (an
    // end-session URL's id_token_hint), only the URL without it, which the
    // issuer still accepts (OpenID Connect RP-Initiated Logout 1.0, 2).
    QUrl shown = url;
    QUrlQuery query(url);
    if (query.hasQueryItem(u"id_token_hint"_s)) {
        query.removeAllQueryItems(u"id_token_hint"_s);
        shown.setQuery(query);
    }
    m_err << CliText::format(tr("%1 If it does not open, visit:\n  %2"), purpose, shown.toString(QUrl::FullyEncoded)) << '\n';
    m_err.flush();
    if (!launch)
        return;
    QString error;
    if (auto command = ExternalBrowser::commandFromEnvironment(url)) {
        if (!ExternalBrowser::launch(*command, &error))
            m_err << CliText::format(tr("tokenlab-cli: %1 Open the URL above by hand."), error) << '\n';
        return;
    }
    const QString xdgOpen = QStandardPaths::findExecutable(u"xdg-open"_s);
    const bool display = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    if (!xdgOpen.isEmpty() && display && !ExternalBrowser::launch({xdgOpen, QString::fromLatin1(url.toEncoded())}, &error))
        m_err << "tokenlab-cli: " << error << '\n';
}
