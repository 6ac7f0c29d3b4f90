// SPDX-License-Identifier: MIT
#include "util/externalbrowser.h"

#include <QCoreApplication>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace ExternalBrowser {

std::optional<QStringList> commandFromEnvironment(const QUrl &url)
{
    QString browser = qEnvironmentVariable("BROWSER").trimmed();
    if (browser.isEmpty())
        return std::nullopt;
    if (browser.contains(u':') && !browser.contains(u' '))
        browser = browser.section(u':', 0, 0);
    QStringList command = QProcess::splitCommand(browser);
    if (command.isEmpty())
        return std::nullopt;
    const QString encoded = QString::fromLatin1(url.toEncoded());
    bool substituted = false;
    for (QString &part : command) {
        if (part.contains(u"%s"_s)) {
            part.replace(u"%s"_s, encoded);
            substituted = true;
        }
    }
    if (!substituted)
        command << encoded;
    return command;
}

bool launch(const QStringList &command, QString *error)
{
    if (command.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("ExternalBrowser", "no browser command");
        return false;
    }
    QProcess process;
    process.setProgram(command.first());
    process.setArguments(command.mid(1));
    process.setStandardInputFile(QProcess::nullDevice());
    if (!process.startDetached()) {
        if (error)
            *error = QCoreApplication::translate("ExternalBrowser", "TokenLab could not start the browser \"%1\": %2").arg(command.first(), process.errorString());
        return false;
    }
    return true;
}

bool canOpen(QString *why)
{
    if (!qEnvironmentVariableIsEmpty("BROWSER"))
        return true;
#if defined(Q_OS_WIN)
    Q_UNUSED(why);
    return true;
#elif defined(Q_OS_MACOS)
    if (qEnvironmentVariableIsEmpty("SSH_CONNECTION"))
        return true;
    if (why)
        *why = QCoreApplication::translate("ExternalBrowser", "an SSH session and no $BROWSER");
    return false;
#else
    if (!qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return true;
    if (why)
        *why = QCoreApplication::translate("ExternalBrowser", "no display ($DISPLAY and $WAYLAND_DISPLAY are not set) and no $BROWSER");
    return false;
#endif
}

} // namespace ExternalBrowser
