// SPDX-License-Identifier: MIT
#include "cli/cliapp.h"
#include "cli/command.h"
#include "cli/commandcontext.h"
#include "cli/commandregistry.h"
#include "cli/exitstatus.h"

#include <QTextStream>
#include <QTimer>

CliApp::CliApp(QNetworkAccessManager *network, TokenStore *store, QTextStream &out, QTextStream &err, QObject *parent)
    : QObject(parent),
      m_context(new CommandContext(network, store, out, err, this)),
      m_registry(new CommandRegistry(*m_context, this))
{
}

CliApp::~CliApp() = default;

QString CliApp::usage() const
{
    return m_registry->usage();
}

void CliApp::run(const QStringList &arguments)
{
    const CommandRegistry::Dispatch d = m_registry->dispatch(arguments.mid(1));
    if (!d.command)
        return finish(exitStatus(d.answered));
    m_running = d.command;
    m_context->setRunning(d.command);
    connect(d.command, &Command::finished, this, &CliApp::finish);
    d.command->run(d.args);
}

void CliApp::interrupt()
{
    if (m_finished)
        return;
    if (m_running && !m_running->isFinished())
        return m_running->interrupt();
    m_context->err() << tr("tokenlab-cli: interrupted.") << '\n';
    finish(exitStatus(Outcome::Interrupted));
}

void CliApp::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_context->out().flush();
    m_context->err().flush();
    // Queued so that finished() never fires before run() has returned (a
    // command's own finished() is queued already; one more turn is harmless).
    QTimer::singleShot(0, this, [this, exitCode] { Q_EMIT finished(exitCode); });
}
