// SPDX-License-Identifier: MIT
#include "support/keyringtest.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>

namespace KeyringTest {

QString unavailableReason()
{
    if (qEnvironmentVariable("TOKENLAB_KEYRING") != QLatin1String("1"))
        return QStringLiteral("not started under tests/keyring/with-keyring (run it through ctest), so there is no private Secret Service");
    if (daemonPid() <= 0)
        return QStringLiteral("TOKENLAB_KEYRING_PID is not set");
    return {};
}

qint64 daemonPid()
{
    return qEnvironmentVariable("TOKENLAB_KEYRING_PID").toLongLong();
}

QByteArray secretToolSearch(const QString &service)
{
    QProcess p;
    p.start(QStringLiteral("secret-tool"), {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), service});
    p.waitForFinished(10000);
    return p.readAllStandardOutput() + p.readAllStandardError();
}

QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            hits << path;
    }
    return hits;
}

} // namespace KeyringTest
