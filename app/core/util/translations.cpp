// SPDX-License-Identifier: MIT
#include "util/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace Translations {

QString directoryBeside(const QString &binDir)
{
    // TOKENLAB_TRANSLATIONS_FROM_BIN: the path from the installed bin/ to the
    // installed translations (GNUInstallDirs), which the build tree mirrors.
    return QDir::cleanPath(binDir + u'/' + QStringLiteral(TOKENLAB_TRANSLATIONS_FROM_BIN));
}

QString directory()
{
    return directoryBeside(QCoreApplication::applicationDirPath());
}

namespace {

bool load(const QLocale &locale, const QString &name, const QString &dir, QStringList *loaded)
{
    auto translator = std::make_unique<QTranslator>(QCoreApplication::instance());
    if (!translator->load(locale, name, u"_"_s, dir, u".qm"_s))
        return false;
    loaded->append(translator->filePath());
    QCoreApplication::installTranslator(translator.release());
    return true;
}

} // namespace

QStringList install(const QString &dir, const QLocale &locale)
{
    QStringList loaded;
    if (!QCoreApplication::instance())
        return loaded;
    // Qt's own words (the standard buttons, the context menus) only beside TokenLab's,
    // so a language TokenLab does not speak stays English throughout.
    if (load(locale, u"tokenlab"_s, dir, &loaded))
        load(locale, u"qtbase"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath), &loaded);
    return loaded;
}

} // namespace Translations
