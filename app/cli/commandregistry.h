// SPDX-License-Identifier: MIT
// Every tokenlab-cli command, in the order the usage lists them, and the
// dispatch from a command line to one of them. The registry also answers what
// is not a command: the overall usage (--help, help, no arguments), help
// COMMAND, --version, the man page and shell completions (hidden:
// --man-page, --completion bash|zsh, see cli/manual.h), a group's usage ("profile" alone), and an unknown name,
// with a sentence that names the closest command.
//
// Two-word names ("profile add") form a group under their first word.
#pragma once

#include "cli/exitstatus.h"

#include <QCommandLineOption>
#include <QList>
#include <QObject>
#include <QStringList>

class Command;
class CommandContext;

class CommandRegistry : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(CommandRegistry)

public:
    explicit CommandRegistry(CommandContext &context, QObject *parent = nullptr);

    const QList<Command *> &commands() const { return m_commands; }
    Command *command(const QString &name) const;
    // The overall usage: every command with its one-line summary.
    QString usage() const;
    // Pieces of the usage that the man page repeats.
    static QString description();
    static QList<QCommandLineOption> globalOptions();
    QString exitStatusSentence() const;
    // The command name (or group) nearest to word, by edit distance.
    QString closest(const QString &word) const;

    struct Dispatch
    {
        Command *command = nullptr; // run it with args
        QStringList args;
        Outcome answered = Outcome::Success; // without a command: the registry answered, with this
    };
    // arguments: the command line without the program's name. Writes the
    // registry's own answers to the context's streams.
    Dispatch dispatch(const QStringList &arguments) const;

private:
    // The top-level words: one-word command names and group names.
    QStringList words() const;
    QList<Command *> group(const QString &word) const;
    QString groupUsage(const QString &word) const;
    QString groupHelp(const QString &word) const;
    Dispatch unknown(const QString &word) const;

    CommandContext &m_context;
    QList<Command *> m_commands;
};
