// SPDX-License-Identifier: MIT
#include "util/manpage.h"

using namespace Qt::StringLiterals;

namespace {

QString quoted(const QString &text)
{
    QString t = ManPage::escape(text);
    t.replace(u'"', u"\\(dq"_s);
    return u'"' + t + u'"';
}

} // namespace

ManPage::ManPage(const QString &name, const QString &summary, const QString &date, const QString &source) : m_name(name)
{
    // .ad l: ragged right, as long URLs and JSON in option texts cannot be justified.
    m_head = u".TH %1 1 %2 %3 \"User Commands\"\n.ad l\n.SH NAME\n%4 \\- %5\n"_s.arg(
            quoted(name.toUpper()), quoted(date), quoted(source), escape(name), escape(summary));
}

QString ManPage::escape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\\') {
            out += u"\\e"_s;
        } else if (c == u'-' && (i == 0 || text.at(i - 1).isSpace() || text.at(i - 1) == u'-' || text.at(i - 1) == u'(' || text.at(i - 1) == u'['
                                   || text.at(i - 1) == u'|')) {
            // An option's leading dashes must stay ASCII minus signs when copied from the page.
            out += u"\\-"_s;
        } else if (c == u'\n') {
            out += u' ';
        } else {
            out += c;
        }
    }
    if (out.startsWith(u'.') || out.startsWith(u'\''))
        out.prepend(u"\\&"_s);
    return out;
}

QString ManPage::optionTerm(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &n : option.names())
        names << (n.size() == 1 ? u"-"_s : u"--"_s) + n;
    QString term = names.join(u", "_s);
    if (!option.valueName().isEmpty())
        term += u' ' + option.valueName();
    return term;
}

void ManPage::addSynopsis(const QString &arguments)
{
    m_synopsis << u".B %1\n%2\n.br\n"_s.arg(escape(m_name), escape(arguments));
}

void ManPage::addSection(const QString &title)
{
    m_body += u".SH "_s + quoted(title.toUpper()) + u'\n';
}

void ManPage::addSubsection(const QString &title)
{
    m_body += u".SS "_s + quoted(title) + u'\n';
}

void ManPage::addParagraph(const QString &text)
{
    m_body += u".PP\n"_s + escape(text) + u'\n';
}

void ManPage::addItem(const QString &term, const QString &text)
{
    m_body += u".TP\n.B "_s + quoted(term) + u'\n' + escape(text) + u'\n';
}

void ManPage::addOptions(const QList<QCommandLineOption> &options)
{
    for (const QCommandLineOption &o : options) {
        if (o.flags() & QCommandLineOption::HiddenFromHelp)
            continue;
        addItem(optionTerm(o), o.description());
    }
}

QString ManPage::roff() const
{
    QString synopsis;
    if (!m_synopsis.isEmpty())
        synopsis = u".SH SYNOPSIS\n"_s + m_synopsis.join(QString());
    return m_head + synopsis + m_body;
}
