// SPDX-License-Identifier: MIT
#include "cli/command.h"
#include "cli/commandcontext.h"

#include <QCommandLineParser>
#include <QTimer>

using namespace Qt::StringLiterals;

Command::Command(CommandContext &context, QObject *parent) : QObject(parent), m_context(context)
{
}

QTextStream &Command::out() const
{
    return m_context.out();
}

QTextStream &Command::err() const
{
    return m_context.err();
}

void Command::configure(QCommandLineParser &parser) const
{
    parser.setApplicationDescription(description());
    for (const Positional &p : positionals())
        parser.addPositionalArgument(p.name, p.description, p.syntax);
    parser.addOptions(options());
    // Not addHelpOption(): its --help-all offers Qt's own options, which no command takes.
    parser.addOption({{u"h"_s, u"help"_s}, tr("Show this help.")});
}

QString Command::help() const
{
    QCommandLineParser parser;
    configure(parser);
    QString text = parser.helpText();
    // QCommandLineParser names the program as started; a command's help names the command.
    const qsizetype end = text.indexOf(u'\n');
    const QString usageLine = text.left(end);
    // Qt's own "Usage: %1", in the language Qt speaks here.
    const QString usage = QCommandLineParser::tr("Usage: %1").arg(QString());
    const qsizetype options = usageLine.indexOf(u' ' + QCommandLineParser::tr("[options]"));
    if (!usage.isEmpty() && usageLine.startsWith(usage) && options > 0)
        text.replace(0, options, usage + u"tokenlab-cli "_s + name());
    return text;
}

void Command::run(const QStringList &args)
{
    QCommandLineParser parser;
    configure(parser);
    // QCommandLineParser takes the first argument for the program's name.
    if (!parser.parse(QStringList{name()} + args)) {
        err() << "tokenlab-cli " << name() << ": " << parser.errorText() << '\n';
        return finish(Outcome::UsageError);
    }
    if (parser.isSet(u"help"_s)) {
        out() << help();
        return finish(Outcome::Success);
    }
    start(parser);
}

void Command::interrupt()
{
    err() << tr("tokenlab-cli: interrupted.") << '\n';
    finish(Outcome::Interrupted);
}

void Command::finish(Outcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_context.out().flush();
    m_context.err().flush();
    // Queued so that finished() never fires before run() has returned.
    QTimer::singleShot(0, this, [this, outcome] { Q_EMIT finished(exitStatus(outcome)); });
}
