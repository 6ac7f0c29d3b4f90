// SPDX-License-Identifier: MIT
// Usage: an executable's name, one-line summary and options, written out as
// --help text and as a man page from the same lines, so the two never
// disagree. answer() handles --help, --version and --man-page for both
// executables, before any window or event loop exists.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <optional>

class Usage
{
public:
    struct Option
    {
        QString flags; // "-v, --version"
        QString text;  // "Print the version and exit."
    };

    Usage(QString program, QString summary, QString version);

    void addOption(const QString &flags, const QString &text);
    QString program() const { return m_program; }
    QList<Option> options() const { return m_options; }

    QString helpText() const;
    // A section 1 man page in roff; date is YYYY-MM-DD, source e.g. "%Name% 0.1.0".
    QString manPage(const QString &date, const QString &source) const;

    // What an executable prints and returns for its arguments (argv[0] first):
    // the exit status when --help, --version or --man-page was asked for or an
    // option is unknown, nullopt when it should go on and run.
    std::optional<int> answer(const QStringList &arguments, const QString &date, QTextStream &out,
                              QTextStream &err) const;

    // Text made safe for roff: backslashes doubled as \e, and a line that
    // starts with '.' or '\'' (a roff request) starts with \& instead.
    static QString roffEscaped(const QString &text);

private:
    QString m_program;
    QString m_summary;
    QString m_version;
    QList<Option> m_options;
};
