#include "cli/commandcontext.h"
#include "cli/command.h"
#include "oauth/discoveryclient.h"
#include "sandbox/sandboxtenant.h"
#include "session/tokenlifecycle.h"
#include "storage/tokenstore.h"
#include "util/clock.h"
#include "util/externalbrowser.h"

#include <QCommandLineParser>
#include <QStandardPaths>
#include <QTextStream>
#include <QUrl>

using namespace Qt::StringLiterals;

CommandContext::CommandContext(QNetworkAccessManager *network, TokenStore *store, QTextStream &out, QTextStream &err,
                               QObject *parent)
    : QObject(parent), m_network(network), m_store(store), m_discovery(new DiscoveryClient(network, this)), m_out(out), m_err(err)
{
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
        m_err << "tokenlab-cli " << command << ": there is no profile named \"" << name << "\"; see tokenlab-cli profile list.\n";
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
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_store, &TokenStore::loaded, this,
                          [this, profile, force, scope, then, connection](const QString &p, const std::optional<TokenSet> &t,
                                                                          TokenStoreError e, const QString &message) {
                              if (p != profile.name)
                                  return;
                              disconnect(*connection);
                              if (!t && e != TokenStoreError::NotFound) {
                                  m_err << "tokenlab-cli: " << message << '\n';
                                  return finishRunning(Outcome::Failed);
                              }
                              const bool expired = t && t->isExpired(QDateTime::currentDateTimeUtc());
                              if (!force && (!t || !expired))
                                  return then(t);
                              if (!t) {
                                  m_err << "tokenlab-cli: no tokens are stored for \"" << profile.name << "\"; log in first.\n";
                                  return finishRunning(Outcome::Failed);
                              }
                              auto *lifecycle = new TokenLifecycle(m_network, m_discovery, m_store, systemClock(), this);
                              lifecycle->setAutoRefresh(false);
                              lifecycle->track(profile, *t);
                              if (!lifecycle->canRefresh(profile.name)) {
                                  if (force) {
                                      m_err << "tokenlab-cli: there is no refresh token for \"" << profile.name
                                            << "\"; log in again (ask for offline_access to get one).\n";
                                      return finishRunning(Outcome::Failed);
                                  }
                                  return then(t); // expired and not renewable: the caller says so
                              }
                              if (!force)
                                  m_err << "The access token had expired; refreshing it first.\n";
                              connect(lifecycle, &TokenLifecycle::refreshed, this,
                                      [this, then, t, force](const QString &, const RefreshResult &r) {
                                          if (!r.ok) {
                                              m_err << "tokenlab-cli: " << r.error << '\n';
                                              if (force || r.sessionEnded)
                                                  return finishRunning(Outcome::Failed);
                                              return then(t);
                                          }
                                          if (!r.storageWarning.isEmpty())
                                              m_err << "Warning: " << r.storageWarning << '\n';
                                          then(r.tokens);
                                      });
                              lifecycle->refreshNow(profile.name, scope);
                          });
    m_store->load(profile.name);
}

void CommandContext::forgetTokens(const QString &name, const QString &done)
{
    connect(m_store, &TokenStore::removed, this, [this, name, done](const QString &profile, TokenStoreError e, const QString &message) {
        if (profile != name)
            return;
        if (e != TokenStoreError::None) {
            m_err << "tokenlab-cli: " << done << ", but its tokens could not be deleted from the keychain: " << message << '\n';
            return finishRunning(Outcome::Failed);
        }
        m_err << done << " and deleted its tokens from " << m_store->backendName() << ".\n";
        finishRunning(Outcome::Success);
    });
    m_store->remove(name);
}

void CommandContext::openBrowser(const QUrl &url, bool launch)
{
    m_err << "Sign in with your browser. If it does not open, visit:\n  " << url.toString(QUrl::FullyEncoded) << '\n';
    m_err.flush();
    if (!launch)
        return;
    QString error;
    if (auto command = ExternalBrowser::commandFromEnvironment(url)) {
        if (!ExternalBrowser::launch(*command, &error))
            m_err << "tokenlab-cli: " << error << " Open the URL above by hand.\n";
        return;
    }
    const QString xdgOpen = QStandardPaths::findExecutable(u"xdg-open"_s);
    const bool display = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    if (!xdgOpen.isEmpty() && display && !ExternalBrowser::launch({xdgOpen, QString::fromLatin1(url.toEncoded())}, &error))
        m_err << "tokenlab-cli: " << error << '\n';
}
