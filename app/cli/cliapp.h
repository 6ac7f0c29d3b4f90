// SPDX-License-Identifier: MIT
// tokenlab-cli: TokenLab's headless front end over the same core as the GUI,
// for QA scripts and CI. Results go to stdout (stable, parseable), progress
// and errors to stderr; tokens are never printed unless a command exists to
// print one. Exit statuses are mapped in one place, cli/exitstatus.h.
//
// CliApp builds the commands' shared context and the registry, and runs the
// one command a command line names. run() returns at once; the command
// finishes asynchronously and CliApp emits finished(exitCode) exactly once.
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

class Command;
class CommandContext;
class CommandRegistry;
class QNetworkAccessManager;
class QTextStream;
class TokenStore;

class CliApp : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(CliApp)

public:
    CliApp(QNetworkAccessManager *network, TokenStore *store, QTextStream &out, QTextStream &err,
           QObject *parent = nullptr);
    ~CliApp() override;

    // arguments: as QCoreApplication::arguments() gives them, the program first.
    void run(const QStringList &arguments);
    // Ctrl+C / SIGTERM: cancel what runs and finish with the interrupted status.
    void interrupt();
    // The overall usage, written from the registry.
    QString usage() const;

Q_SIGNALS:
    void finished(int exitCode);

private:
    void finish(int exitCode);

    CommandContext *m_context;
    CommandRegistry *m_registry;
    QPointer<Command> m_running;
    bool m_finished = false;
};
