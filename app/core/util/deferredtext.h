// SPDX-License-Identifier: MIT
// A sentence kept in English and translated only where a person reads it.
//
// Some of TokenLab's sentences are both read on screen and written into
// reports that programs parse (the probe's case titles and verdicts go into
// JUnit XML, CSV and JSON). A DeferredText holds the untranslated source
// (marked with QT_TRANSLATE_NOOP at the place it is written, so lupdate
// finds it), its context and its arguments, which may be DeferredTexts of
// their own or verbatim words (a status, a scope, the API's own words).
// english() renders it for reports, text() in the user's language, for the
// window and the CLI's table.
//
// Contract: a value type. %1..%99 in the source are replaced in one pass,
// so an argument that contains "%2" stays as it is.
#pragma once

#include <QList>
#include <QString>
#include <functional>

class DeferredText
{
public:
    DeferredText() = default;
    // Verbatim words: the same in every language.
    DeferredText(const QString &verbatim) : m_verbatim(verbatim) {} // NOLINT: implicit on purpose
    // A source marked with QT_TRANSLATE_NOOP(context, source); both must outlive the text (literals do).
    DeferredText(const char *context, const char *source) : m_context(context), m_source(source) {}

    DeferredText arg(const DeferredText &a) const;
    DeferredText arg(const QString &a) const { return arg(DeferredText(a)); }
    DeferredText arg(qint64 a) const { return arg(QString::number(a)); }
    DeferredText arg(const DeferredText &a, const DeferredText &b) const { return arg(a).arg(b); }
    DeferredText arg(const DeferredText &a, const DeferredText &b, const DeferredText &c) const { return arg(a).arg(b).arg(c); }

    QString text() const;    // in the language TokenLab speaks (QCoreApplication::translate)
    QString english() const; // the source: for reports and anything a program reads
    bool isEmpty() const { return !m_source && !m_joined && m_verbatim.isEmpty(); }

    // The same text with every verbatim word passed through f (to redact what an API said).
    DeferredText mapVerbatim(const std::function<QString(const QString &)> &f) const;
    // Two texts side by side, separated by a space (either may be empty).
    static DeferredText joined(const DeferredText &a, const DeferredText &b);
    // Texts in a row with separator between them (the same in every
    // language: "; ", ", ", or none to run a sentence on); empty ones are left out.
    static DeferredText joined(const QList<DeferredText> &parts, const QString &separator);

    friend bool operator==(const DeferredText &a, const DeferredText &b) { return a.english() == b.english(); }

private:
    QString render(bool translated) const;

    const char *m_context = nullptr;
    const char *m_source = nullptr;
    QString m_verbatim;
    QList<DeferredText> m_args;
    bool m_joined = false; // m_args are texts to show in a row, m_separator between them
    QString m_separator;
};
