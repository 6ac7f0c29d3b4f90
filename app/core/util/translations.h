// SPDX-License-Identifier: MIT
// The language TokenLab speaks: its own translation (tokenlab_<lang>.qm) and
// Qt's (qtbase_<lang>.qm) for the system locale, installed into the running
// application. Every executable calls install() once at start, so all of
// them speak the same language; the locale is the system's (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG, as Qt reads them), and English is what is left when
// there is no translation for it.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace Translations {

// The folder with TokenLab's .qm files for an executable in binDir: beside
// bin/ as share/tokenlab/translations, in the build tree and installed alike.
QString directoryBeside(const QString &binDir);
// The folder for the running executable (QCoreApplication::applicationDirPath()).
QString directory();

// Installs TokenLab's and Qt's translations for locale into the running
// QCoreApplication (which owns them). Returns the files it loaded, none when
// the locale is English or has no translation.
QStringList install(const QString &dir = directory(), const QLocale &locale = QLocale::system());

} // namespace Translations
