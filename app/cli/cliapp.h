// tokenlab-cli: TokenLab's headless front end over the same core as the GUI,
// for QA scripts and CI. Results go to stdout (stable, parseable), progress
// and errors to stderr; tokens are never printed unless a command exists to
// print one. Exit codes: 0 success, 1 the operation failed, 2 bad usage,
// 130 interrupted (Ctrl+C).
//
// run() returns at once; the command finishes asynchronously and emits
// finished(exitCode) exactly once.
#pragma once

#include "util/clock.h"
#include "session/loginflow.h"
#include "storage/profilestore.h"

#include <QObject>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <memory>

class QCommandLineParser;
class QNetworkAccessManager;
class DiscoveryClient;
class SandboxTenant;
class TokenStore;

class CliApp : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(CliApp)

public:
    enum ExitCode { Success = 0, Failure = 1, Usage = 2, Interrupted = 130 };

    CliApp(QNetworkAccessManager *network, TokenStore *store, QTextStream &out, QTextStream &err,
           QObject *parent = nullptr);
    ~CliApp() override;

    void run(const QStringList &arguments);
    // Ctrl+C / SIGTERM: cancel what runs and finish with Interrupted.
    void interrupt();
    static QString usage();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int code);
    bool parseOrFinish(QCommandLineParser &parser, const QStringList &args, const QString &command);
    bool loadProfiles();
    // The --profile option's profile, or the active one; nullopt after finishing with a sentence.
    std::optional<Profile> chosenProfile(const QCommandLineParser &parser, const QString &command);
    void runDiscover(const QStringList &args);
    void runProfile(const QStringList &args);
    void runProfileAdd(const QStringList &args);
    void runProfileImport(const QStringList &args);
    void runLogin(const QStringList &args);
    void runToken(const QStringList &args);
    void runStatus(const QStringList &args);
    void runLogout(const QStringList &args);
    void runDecode(const QStringList &args);
    void runCall(const QStringList &args);
    void runRefresh(const QStringList &args);
    void runProbe(const QStringList &args);
    // The stored tokens, refreshed first when forced or when the access token has
    // expired; on failure the command finishes with a sentence and then is not called.
    void withFreshTokens(const Profile &profile, bool force, const QString &scope,
                         std::function<void(const std::optional<TokenSet> &)> then);
    void printReport(const struct TokenReport &report, bool json);
    void forgetTokens(const QString &profile, const QString &done);
    void printProfile(const Profile &profile);
    void openBrowser(const QUrl &url, bool launch);

    QNetworkAccessManager *m_network;
    TokenStore *m_store;
    DiscoveryClient *m_discovery;
    QTextStream &m_out;
    QTextStream &m_err;
    ProfileStore m_profiles;
    std::unique_ptr<SandboxTenant> m_sandbox;
    LoginFlow *m_flow = nullptr;
    bool m_finished = false;
};
