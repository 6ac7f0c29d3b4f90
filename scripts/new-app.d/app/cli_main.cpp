// SPDX-License-Identifier: MIT
// %name%-cli: wires the command line to stdout and stderr.
#include "cli/cliapp.h"
#include "storage/documentstore.h"
#include "util/translations.h"

#include "appinfo.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The window's name and organisation, so both find the same document.
    QCoreApplication::setApplicationName(AppInfo::DisplayName);
    QCoreApplication::setOrganizationName(AppInfo::Organization);
    QCoreApplication::setOrganizationDomain(AppInfo::OrganizationDomain);
    QCoreApplication::setApplicationVersion(AppInfo::Version);
    // The system locale's language, when resources/translations has it.
    Translations::install();
    QTextStream out(stdout);
    QTextStream err(stderr);
    DocumentStore store;
    CliApp cli(&store, out, err);
    return cli.run(QCoreApplication::arguments());
}
