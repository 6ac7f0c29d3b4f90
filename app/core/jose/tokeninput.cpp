// SPDX-License-Identifier: MIT
#include "jose/tokeninput.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

void note(QStringList *stripped, const QString &what)
{
    if (!stripped->contains(what))
        stripped->append(what);
}

bool isQuote(QChar c)
{
    // Straight and typographic quotes: a chat or a word processor may have curled them.
    return c == u'"' || c == u'\'' || c == u'`' || c == QChar(0x201c) || c == QChar(0x201d) || c == QChar(0x2018)
            || c == QChar(0x2019);
}

bool closes(QChar open, QChar close)
{
    if (open == QChar(0x201c))
        return close == QChar(0x201d);
    if (open == QChar(0x2018))
        return close == QChar(0x2019);
    return open == close;
}

// A case-insensitive word at the start of s, with something after it.
bool startsWithWord(const QString &s, QStringView word)
{
    return s.size() > word.size() && s.startsWith(word, Qt::CaseInsensitive);
}

// The separator after a header name or a scheme belongs to it, not to the paste.
QString dropLeadingSpace(const QString &s)
{
    qsizetype i = 0;
    while (i < s.size() && s.at(i).isSpace())
        ++i;
    return s.mid(i);
}

} // namespace

namespace TokenInput {

CleanedToken clean(const QString &pasted)
{
    CleanedToken out;
    QString s = pasted;
    // Peel one wrapper at a time, outermost first, until none is left:
    // `"Authorization: Bearer eyJ…"` and `Authorization: "eyJ…"` both end as the token.
    // Real pastes nest a few wrappers; the bound keeps a hostile paste of a
    // million quotes linear.
    constexpr int MaxWrappers = 16;
    bool peeled = true;
    for (int round = 0; peeled && round < MaxWrappers; ++round) {
        peeled = false;
        const QString trimmed = s.trimmed();
        if (trimmed.size() != s.size()) {
            note(&out.stripped, u"whitespace"_s);
            s = trimmed;
        }
        if (s.size() >= 2 && isQuote(s.front()) && closes(s.front(), s.back())) {
            note(&out.stripped, u"quotes"_s);
            s = s.mid(1, s.size() - 2);
            peeled = true;
            continue;
        }
        // RFC 9110 5.1: field names are case-insensitive, and whitespace may come before the value.
        if (startsWithWord(s, u"authorization")) {
            const QString rest = s.mid(13).trimmed();
            if (rest.startsWith(u':')) {
                note(&out.stripped, QCoreApplication::translate("TokenInput", "the Authorization: header name"));
                s = dropLeadingSpace(rest.mid(1));
                peeled = true;
                continue;
            }
        }
        // RFC 9110 11.1: the scheme is case-insensitive and separated by whitespace.
        for (const auto &[word, what] : {std::pair{u"bearer"_s, QCoreApplication::translate("TokenInput", "the Bearer scheme")}, std::pair{u"dpop"_s, QCoreApplication::translate("TokenInput", "the DPoP scheme")}}) {
            if (startsWithWord(s, word) && s.at(word.size()).isSpace()) {
                note(&out.stripped, what);
                s = dropLeadingSpace(s.mid(word.size()));
                peeled = true;
                break;
            }
        }
    }
    // A token has no whitespace: a run of it that holds a line break came from a
    // terminal or a mailer that wrapped the token, and goes. Any other space
    // stays, for Jwt::decode to name ("Basic dXNl…" is not a bearer token).
    QString joined;
    joined.reserve(s.size());
    for (qsizetype i = 0; i < s.size();) {
        if (!s.at(i).isSpace()) {
            joined.append(s.at(i++));
            continue;
        }
        const qsizetype start = i;
        bool lineBreak = false;
        for (; i < s.size() && s.at(i).isSpace(); ++i)
            lineBreak = lineBreak || s.at(i) == u'\n' || s.at(i) == u'\r';
        if (lineBreak)
            note(&out.stripped, u"whitespace"_s);
        else
            joined.append(QStringView(s).mid(start, i - start));
    }
    out.token = joined.toUtf8();
    return out;
}

QString strippedSentence(const QStringList &stripped)
{
    if (stripped.isEmpty())
        return {};
    QString list = stripped.first();
    for (qsizetype i = 1; i < stripped.size(); ++i)
        list += (i + 1 == stripped.size() ? u" and "_s : u", "_s) + stripped.at(i);
    return QCoreApplication::translate("TokenInput", "Stripped %1.").arg(list);
}

} // namespace TokenInput
