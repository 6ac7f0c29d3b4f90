// SPDX-License-Identifier: MIT
#include "cli/cliapp.h"

#include "storage/documentstore.h"

#include "appinfo.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

CliApp::CliApp(DocumentStore *store, QTextStream &out, QTextStream &err) : m_store(store), m_out(out), m_err(err) {}

Usage CliApp::usage()
{
    Usage usage(u"%name%-cli"_s, AppInfo::Summary, AppInfo::Version);
    usage.addOption(u"print"_s, QCoreApplication::translate("CliApp", "Print the saved document."));
    return usage;
}

int CliApp::run(const QStringList &arguments)
{
    const Usage help = usage();
    if (const std::optional<int> status = help.answer(arguments, AppInfo::ReleaseDate, m_out, m_err))
        return *status;
    const QStringList commands = arguments.mid(1);
    if (commands.isEmpty()) {
        m_out << help.helpText();
        return 0;
    }
    if (commands == QStringList{u"print"_s}) {
        QString error;
        const std::optional<QString> text = m_store->load(&error);
        if (!text) {
            m_err << help.program() << ": " << error << '\n';
            return 1;
        }
        m_out << *text;
        return 0;
    }
    m_err << QCoreApplication::translate("CliApp", "%1: there is no command %2; %1 --help lists the commands.")
                     .arg(help.program(), commands.join(u' '))
          << '\n';
    return 2;
}
