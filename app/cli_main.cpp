// SPDX-License-Identifier: MIT
// tokenlab-cli: wires the headless front end to stdout, stderr and the network.
#include "cli/cliapp.h"
#include "util/terminationsignals.h"
#include "util/translations.h"
#include "storage/keychaintokenstore.h"

#include "appinfo.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"tokenlab-cli"_s);
    QCoreApplication::setOrganizationName(AppInfo::Organization);
    QCoreApplication::setOrganizationDomain(AppInfo::OrganizationDomain);
    QCoreApplication::setApplicationVersion(AppInfo::Version);
    Translations::install(); // the system locale's language, when TokenLab speaks it
    QTextStream out(stdout);
    QTextStream err(stderr);
    QNetworkAccessManager network;
    // TOKENLAB_KEYCHAIN_TIMEOUT_MS shortens the wait on a keychain that never answers.
    const int keychainTimeout = qEnvironmentVariableIntValue("TOKENLAB_KEYCHAIN_TIMEOUT_MS");
    KeychainTokenStore store(QString::fromLatin1(KeychainTokenStore::ServiceName),
                             std::chrono::milliseconds(keychainTimeout > 0 ? keychainTimeout : 15000));
    CliApp cli(&network, &store, out, err);
    TerminationSignals::install(&cli, [&cli] { cli.interrupt(); });
    QObject::connect(&cli, &CliApp::finished, &app, &QCoreApplication::exit);
    cli.run(QCoreApplication::arguments());
    const int code = app.exec();
    out.flush();
    err.flush();
    return code;
}
