// SPDX-License-Identifier: MIT
#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxdirectory.h"
#include "storage/keychaintokenstore.h"

#include <QCoreApplication>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

std::optional<AutoApprove> AutoApprove::parse(const QString &text, QString *error)
{
    const qsizetype colon = text.indexOf(u':');
    AutoApprove a;
    a.user = colon < 0 ? text : text.left(colon);
    if (!SandboxDirectory::user(a.user)) {
        QStringList ids;
        for (const SandboxUser &u : SandboxDirectory::users())
            ids << u.id;
        if (error)
            *error = QCoreApplication::translate("SandboxConfig", "--auto-approve: there is no sandbox user \"%1\"; the users are %2.").arg(a.user, ids.join(u", "));
        return std::nullopt;
    }
    if (colon >= 0) {
        QStringList scopes;
        for (const QString &s : text.mid(colon + 1).split(u',', Qt::SkipEmptyParts))
            scopes << s.trimmed();
        a.scopes = scopes;
    }
    return a;
}

SandboxContinuity SandboxContinuity::forCurrentUser(std::chrono::milliseconds keychainTimeout)
{
    SandboxContinuity c;
    c.keychainService = QString::fromLatin1(KeychainTokenStore::ServiceName);
    c.keychainTimeout = keychainTimeout;
    // GenericDataLocation, not AppLocalDataLocation: tokenlab and tokenlab-cli
    // have different application names and must share one file.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/tokenlab/"_s;
    c.portsFile = dir + u"sandbox.json"_s;
    c.clientsFile = dir + u"sandbox-clients.json"_s;
    c.switchesFile = dir + u"sandbox-switches.json"_s;
    return c;
}

SandboxConfig SandboxConfig::continuing(QString *switchesProblem, std::chrono::milliseconds keychainTimeout)
{
    SandboxConfig config;
    config.continuity = SandboxContinuity::forCurrentUser(keychainTimeout);
    config.switches = SandboxSwitches::load(config.continuity->switchesFile, switchesProblem);
    return config;
}
