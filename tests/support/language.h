// SPDX-License-Identifier: MIT
// A language for one test: installs TokenLab's and Qt's translations for a
// locale into the test application the way the executables do it
// (Translations::install, from the build tree's share/tokenlab/translations
// beside $TOKENLAB_BIN_DIR), and removes them again when it goes out of scope.
// Widgets built while it lives speak that language.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTranslator>

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

// A stand-in language: every message of one context in capitals, the rest
// untranslated. Install it with QCoreApplication::installTranslator.
class ShoutingTranslator : public QTranslator
{
public:
    explicit ShoutingTranslator(QByteArray context) : m_context(std::move(context)) {}
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return m_context == context ? QString::fromUtf8(source).toUpper() : QString();
    }

private:
    QByteArray m_context;
};
