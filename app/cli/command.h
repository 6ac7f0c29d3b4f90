// SPDX-License-Identifier: MIT
// One tokenlab-cli command ("login", "profile add", ...): what it is called,
// what it does in a line, the options it takes (from which its --help is
// written), and how it runs.
//
// Contract: run() returns at once; the command then emits finished(exitCode)
// exactly once, on every path, errors included, and never before run() has
// returned. Commands finish with an Outcome (cli/exitstatus.h), never with a
// number. interrupt() (Ctrl+C, SIGTERM) makes a running command finish soon,
// as Outcome::Interrupted unless it was already finishing.
#pragma once

#include "cli/exitstatus.h"

#include <QCommandLineOption>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class CommandContext;
class QCommandLineParser;
class QTextStream;

class Command : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(Command)

public:
    struct Positional
    {
        QString name;
        QString description;
        QString syntax; // as the usage line shows it; empty: the name
    };

    explicit Command(CommandContext &context, QObject *parent = nullptr);

    // One or two words, as typed after tokenlab-cli.
    virtual QString name() const = 0;
    // What follows the name in the overall usage, e.g. "[--profile NAME]".
    virtual QString synopsis() const { return {}; }
    // One line for the overall usage.
    virtual QString summary() const = 0;
    // The paragraph at the top of the command's --help.
    virtual QString description() const = 0;
    virtual QList<QCommandLineOption> options() const { return {}; }
    virtual QList<Positional> positionals() const { return {}; }

    // The command's --help, written from the above.
    QString help() const;
    // args: what follows the command's name on the command line.
    virtual void run(const QStringList &args);
    virtual void interrupt();
    bool isFinished() const { return m_finished; }
    // Also for CommandContext's shared steps, which finish the command that runs them.
    void finish(Outcome outcome);

Q_SIGNALS:
    void finished(int exitCode);

protected:
    // Called by run() once the arguments parsed and --help was not asked for.
    virtual void start(const QCommandLineParser &parser) = 0;
    // The parser with the command's description, options and positionals.
    void configure(QCommandLineParser &parser) const;
    QTextStream &out() const;
    QTextStream &err() const;

    CommandContext &m_context;

private:
    bool m_finished = false;
};
