// SPDX-License-Identifier: MIT
// A language for one test: installs TokenLab's and Qt's translations for a
// locale into the test application the way the executables do it
// (Translations::install, from the build tree's share/tokenlab/translations
// beside $TOKENLAB_BIN_DIR), and removes them again when it goes out of scope.
// Widgets built while it lives speak that language.
#pragma once

#include <QHash>
#include <QLocale>
#include <QString>
#include <QStringList>

class TestLanguage
{
public:
    explicit TestLanguage(const QLocale &locale);
    ~TestLanguage();
    TestLanguage(const TestLanguage &) = delete;
    TestLanguage &operator=(const TestLanguage &) = delete;

    // The .qm files it loaded; empty when the build has no translation for the locale.
    QStringList loaded() const { return m_loaded; }

    // The shipped translation's pairs, source text -> translation, from
    // $TOKENLAB_SOURCE_DIR/resources/translations/tokenlab_<lang>.ts (finished
    // messages only; a numerus message gives its first form).
    static QHash<QString, QString> shippedPairs(const QString &language);

private:
    QStringList m_loaded;
};
