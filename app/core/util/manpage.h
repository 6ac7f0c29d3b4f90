// SPDX-License-Identifier: MIT
// A man page (man(7) roff) written from the same text as a program's --help:
// the caller adds its summary, synopsis, paragraphs and QCommandLineOptions,
// and roff() escapes them. The executables print it on a hidden option, and
// the build turns that output into the installed pages, so a page can never
// say something --help does not.
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>

class ManPage
{
public:
    // name: the program; date: YYYY-MM-DD (fixed per release, so builds are
    // reproducible); source: "TokenLab 1.0".
    ManPage(const QString &name, const QString &summary, const QString &date, const QString &source);

    void addSynopsis(const QString &arguments);
    void addSection(const QString &title);
    void addSubsection(const QString &title);
    void addParagraph(const QString &text);
    // term in bold, text indented below it (.TP).
    void addItem(const QString &term, const QString &text);
    void addOptions(const QList<QCommandLineOption> &options);

    QString roff() const;

    // Text safe to put on a roff line: backslashes escaped, a leading dot or
    // quote neutralised, hyphens as minus signs where they are options.
    static QString escape(const QString &text);
    // "-h, --help" or "--profile NAME", as --help shows it.
    static QString optionTerm(const QCommandLineOption &option);

private:
    QString m_name;
    QString m_head;
    QStringList m_synopsis;
    QString m_body;
};
