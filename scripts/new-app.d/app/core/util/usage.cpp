// SPDX-License-Identifier: MIT
#include "util/usage.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

Usage::Usage(QString program, QString summary, QString version)
    : m_program(std::move(program)), m_summary(std::move(summary)), m_version(std::move(version))
{
    addOption(u"-h, --help"_s, QCoreApplication::translate("Usage", "Print this help and exit."));
    addOption(u"-v, --version"_s, QCoreApplication::translate("Usage", "Print the version and exit."));
    addOption(u"--man-page"_s, QCoreApplication::translate("Usage", "Print the manual page (roff) and exit."));
}

void Usage::addOption(const QString &flags, const QString &text)
{
    m_options.append({flags, text});
}

QString Usage::helpText() const
{
    QString text = QCoreApplication::translate("Usage", "Usage: %1 [options]").arg(m_program) + u"\n\n"_s + m_summary
            + u"\n\n"_s + QCoreApplication::translate("Usage", "Options:") + u'\n';
    int width = 0;
    for (const Option &option : m_options)
        width = std::max(width, int(option.flags.size()));
    for (const Option &option : m_options)
        text += u"  "_s + option.flags.leftJustified(width + 2) + option.text + u'\n';
    return text;
}

QString Usage::roffEscaped(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        line.replace(u'\\', u"\\e"_s);
        if (line.startsWith(u'.') || line.startsWith(u'\''))
            line.prepend(u"\\&"_s);
    }
    return lines.join(u'\n');
}

QString Usage::manPage(const QString &date, const QString &source) const
{
    QString page = u".TH \"%1\" 1 \"%2\" \"%3\"\n"_s.arg(m_program.toUpper(), roffEscaped(date), roffEscaped(source));
    page += u".SH NAME\n"_s + roffEscaped(m_program) + u" \\- "_s + roffEscaped(m_summary) + u'\n';
    page += u".SH SYNOPSIS\n.B "_s + roffEscaped(m_program) + u"\n[options]\n"_s;
    page += u".SH OPTIONS\n"_s;
    for (const Option &option : m_options)
        page += u".TP\n.B "_s + roffEscaped(option.flags) + u'\n' + roffEscaped(option.text) + u'\n';
    return page;
}

std::optional<int> Usage::answer(const QStringList &arguments, const QString &date, QTextStream &out,
                                 QTextStream &err) const
{
    for (const QString &argument : arguments.mid(1)) {
        if (argument == u"-h"_s || argument == u"--help"_s) {
            out << helpText();
            return 0;
        }
        if (argument == u"-v"_s || argument == u"--version"_s) {
            out << m_program << ' ' << m_version << '\n';
            return 0;
        }
        if (argument == u"--man-page"_s) {
            out << manPage(date, m_program + u' ' + m_version);
            return 0;
        }
        if (argument.startsWith(u'-')) {
            err << QCoreApplication::translate("Usage", "%1: there is no option %2; %1 --help lists the options.")
                            .arg(m_program, argument)
                << '\n';
            return 2;
        }
    }
    return std::nullopt;
}
