// SPDX-License-Identifier: MIT
#include "cli/commandregistry.h"
#include "cli/clitext.h"
#include "cli/callcommand.h"
#include "cli/commandcontext.h"
#include "cli/decodecommand.h"
#include "cli/discovercommand.h"
#include "cli/logincommand.h"
#include "cli/logoutcommand.h"
#include "cli/manual.h"
#include "cli/probecommand.h"
#include "cli/profileaddcommand.h"
#include "cli/profilecommand.h"
#include "cli/profilediscovercommand.h"
#include "cli/profileimportcommand.h"
#include "cli/profilekeycommand.h"
#include "cli/introspectcommand.h"
#include "cli/refreshcommand.h"
#include "cli/statuscommand.h"
#include "cli/tokencommand.h"
#include "util/manpage.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <numeric>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

bool isHelp(const QString &word)
{
    return word == u"-h" || word == u"--help" || word == u"help";
}

// Levenshtein distance, case-insensitive: how many one-letter edits turn a into b.
qsizetype editDistance(const QString &a, const QString &b)
{
    const QString x = a.toLower();
    const QString y = b.toLower();
    std::vector<qsizetype> row(size_t(y.size()) + 1);
    std::iota(row.begin(), row.end(), 0);
    for (qsizetype i = 1; i <= x.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= y.size(); ++j) {
            const qsizetype above = row[size_t(j)];
            row[size_t(j)] = std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row.back();
}

QString usageLine(const Command *c)
{
    const QString synopsis = c->synopsis().isEmpty() ? c->name() : c->name() + u' ' + c->synopsis();
    return u"  %1%2\n"_s.arg(synopsis, -28).arg(c->summary());
}

} // namespace

CommandRegistry::CommandRegistry(CommandContext &context, QObject *parent) : QObject(parent), m_context(context)
{
    // The order of the overall usage: the everyday commands first.
    m_commands = {
        new LoginCommand(context, this),
        new TokenCommand(context, this),
        new StatusCommand(context, this),
        new RefreshCommand(context, this),
        new LogoutCommand(context, this),
        new DecodeCommand(context, this),
        new IntrospectCommand(context, this),
        new CallCommand(context, this),
        new ProbeCommand(context, this),
        new ProfileAddCommand(context, this),
        new ProfileDiscoverCommand(context, this),
        new ProfileImportCommand(context, this),
        new ProfileKeyCommand(context, this),
        new ProfileListCommand(context, this),
        new ProfileShowCommand(context, this),
        new ProfileRemoveCommand(context, this),
        new ProfileRenameCommand(context, this),
        new ProfileUseCommand(context, this),
        new DiscoverCommand(context, this),
    };
}

Command *CommandRegistry::command(const QString &name) const
{
    for (Command *c : m_commands) {
        if (c->name() == name)
            return c;
    }
    return nullptr;
}

QString CommandRegistry::description()
{
    return tr("TokenLab's headless front end: the same core as the desktop app, for scripts and CI.");
}

QList<QCommandLineOption> CommandRegistry::globalOptions()
{
    return {{{u"h"_s, u"help"_s}, tr("Show this help")}, {{u"v"_s, u"version"_s}, tr("Show the version")}};
}

QString CommandRegistry::exitStatusSentence() const
{
    return tr("%1 on success, %2 when the operation failed, %3 on a usage error, %4 when interrupted.")
            .arg(exitStatus(Outcome::Success))
            .arg(exitStatus(Outcome::Failed))
            .arg(exitStatus(Outcome::UsageError))
            .arg(exitStatus(Outcome::Interrupted));
}

QString CommandRegistry::usage() const
{
    QString text = tr("Usage: tokenlab-cli COMMAND [options]\n\n") + description() + u"\n\n"_s + tr("Commands:") + u'\n';
    for (const Command *c : m_commands)
        text += usageLine(c);
    text += tr("\nRun tokenlab-cli COMMAND --help for a command's options.\n\nOptions:\n");
    for (const QCommandLineOption &o : globalOptions())
        text += u"  %1%2\n"_s.arg(ManPage::optionTerm(o), -28).arg(o.description());
    text += tr("\nExit status: ") + exitStatusSentence() + u'\n';
    return text;
}

QStringList CommandRegistry::words() const
{
    QStringList words;
    for (const Command *c : m_commands) {
        const QString word = c->name().section(u' ', 0, 0);
        if (!words.contains(word))
            words << word;
    }
    return words;
}

QString CommandRegistry::closest(const QString &word) const
{
    const QStringList candidates = words();
    return *std::min_element(candidates.begin(), candidates.end(), [&word](const QString &a, const QString &b) {
        return editDistance(word, a) < editDistance(word, b);
    });
}

QList<Command *> CommandRegistry::group(const QString &word) const
{
    QList<Command *> members;
    for (Command *c : m_commands) {
        if (c->name().startsWith(word + u' '))
            members << c;
    }
    return members;
}

QString CommandRegistry::groupUsage(const QString &word) const
{
    QStringList subcommands;
    for (const Command *c : group(word))
        subcommands << c->name().section(u' ', 1);
    return tr("Usage: tokenlab-cli %1 %2 ...\nRun tokenlab-cli %1 SUBCOMMAND --help for its options.\n").arg(
            word, subcommands.join(u'|'));
}

QString CommandRegistry::groupHelp(const QString &word) const
{
    QString text = tr("Usage: tokenlab-cli %1 SUBCOMMAND [options]\n\nSubcommands:\n").arg(word);
    for (const Command *c : group(word))
        text += usageLine(c);
    text += tr("\nRun tokenlab-cli %1 SUBCOMMAND --help for its options.\n").arg(word);
    return text;
}

CommandRegistry::Dispatch CommandRegistry::unknown(const QString &word) const
{
    m_context.err() << CliText::format(tr("tokenlab-cli: unknown command \"%1\"; the closest command is \"%2\".\n\n%3"), word, closest(word), usage());
    return {nullptr, {}, Outcome::UsageError};
}

CommandRegistry::Dispatch CommandRegistry::dispatch(const QStringList &arguments) const
{
    if (arguments.isEmpty()) {
        m_context.err() << usage();
        return {nullptr, {}, Outcome::UsageError};
    }
    const QString word = arguments.first();
    if (isHelp(word)) {
        // help COMMAND: that command's help, as COMMAND --help gives it.
        if (word == u"help" && arguments.size() > 1) {
            return dispatch(arguments.mid(1) << u"--help"_s);
        }
        m_context.out() << usage();
        return {};
    }
    if (word == u"-v" || word == u"--version") {
        m_context.out() << "tokenlab-cli " << QCoreApplication::applicationVersion() << '\n';
        return {};
    }
    // Hidden: what the build installs as the man page and the shell completions.
    if (word == u"--man-page" && arguments.size() == 1) {
        m_context.out() << CliManual::manPage(*this);
        return {};
    }
    if (word == u"--completion" && arguments.size() == 2 && (arguments.at(1) == u"bash" || arguments.at(1) == u"zsh")) {
        m_context.out() << (arguments.at(1) == u"bash" ? CliManual::bashCompletion(*this) : CliManual::zshCompletion(*this));
        return {};
    }
    if (Command *c = command(word))
        return {c, arguments.mid(1)};
    if (group(word).isEmpty())
        return unknown(word);
    // A group: "profile add ...".
    if (arguments.size() == 1) {
        m_context.err() << groupUsage(word);
        return {nullptr, {}, Outcome::UsageError};
    }
    const QString sub = arguments.at(1);
    if (sub == u"--help" || sub == u"-h") {
        m_context.out() << groupHelp(word);
        return {};
    }
    if (Command *c = command(word + u' ' + sub))
        return {c, arguments.mid(2)};
    m_context.err() << CliText::format(tr("tokenlab-cli %1: unknown subcommand \"%2\".\n%3"), word, sub, groupUsage(word));
    return {nullptr, {}, Outcome::UsageError};
}
