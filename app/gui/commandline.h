// SPDX-License-Identifier: MIT
// tokenlab's own command line: --help, --version, and (hidden) --man-page,
// which prints the man page the build installs, written from the same text
// as --help. They are answered before any window or display is needed.
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace GuiCommandLine {

QString description();
QList<QCommandLineOption> options();
QString manPage();
// arguments: as main() got them. An exit status when they asked for one of
// the answers above (printed on stdout), or nothing: start the app.
std::optional<int> answer(const QStringList &arguments);

} // namespace GuiCommandLine
