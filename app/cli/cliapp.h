// tokenlab-cli: TokenLab's headless front end over the same core as the GUI,
// for QA scripts and CI. Results go to stdout (stable, parseable), progress
// and errors to stderr; tokens are never printed unless a command exists to
// print one. Exit codes: 0 success, 1 the operation failed, 2 bad usage.
//
// run() returns at once; the command finishes asynchronously and calls
// finished(exitCode) exactly once.
#pragma once

#include <QObject>
#include <QStringList>
#include <QTextStream>

class QNetworkAccessManager;
class DiscoveryClient;

class CliApp : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(CliApp)

public:
    enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

    CliApp(QNetworkAccessManager *network, QTextStream &out, QTextStream &err, QObject *parent = nullptr);

    void run(const QStringList &arguments);
    static QString usage();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int code);
    void runDiscover(const QStringList &args);

    QNetworkAccessManager *m_network;
    DiscoveryClient *m_discovery;
    QTextStream &m_out;
    QTextStream &m_err;
    bool m_finished = false;
};
