// SPDX-License-Identifier: MIT
#include "api/requestvariables.h"

using namespace Qt::StringLiterals;

namespace {

bool nameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.';
}

// Finds the placeholder at `from` ("{{" already seen there): its name and where it ends.
struct Placeholder
{
    QString name;
    qsizetype end = -1; // just after "}}"
    QString problem;
};

Placeholder scan(const QString &text, qsizetype from)
{
    Placeholder p;
    const qsizetype close = text.indexOf(u"}}"_s, from + 2);
    const qsizetype nested = text.indexOf(u"{{"_s, from + 2);
    if (close < 0) {
        p.problem = RequestVariables::tr("A \"{{\" at character %1 is never closed with \"}}\".").arg(from + 1);
        return p;
    }
    if (nested >= 0 && nested < close) {
        p.problem = RequestVariables::tr("A placeholder at character %1 holds another \"{{\"; placeholders cannot be nested.").arg(from + 1);
        return p;
    }
    p.name = text.mid(from + 2, close - from - 2).trimmed();
    p.end = close + 2;
    if (p.name.isEmpty())
        p.problem = RequestVariables::tr("The placeholder at character %1 has no name; write {{name}}.").arg(from + 1);
    else if (p.name.size() > RequestVariables::MaxName)
        p.problem = RequestVariables::tr("The placeholder at character %1 has a name longer than %2 characters.").arg(from + 1).arg(RequestVariables::MaxName);
    return p;
}

} // namespace

std::optional<QString> RequestVariables::resolve(const QString &text, QString *error) const
{
    auto fail = [error](const QString &sentence) -> std::optional<QString> {
        if (error)
            *error = sentence;
        return std::nullopt;
    };
    if (text.size() > MaxText)
        return fail(RequestVariables::tr("The text is longer than %1 MiB; TokenLab does not fill placeholders in it.").arg(MaxText / (1024 * 1024)));
    QString out;
    qsizetype at = 0;
    while (true) {
        const qsizetype open = text.indexOf(u"{{"_s, at);
        if (open < 0)
            break;
        const Placeholder p = scan(text, open);
        if (!p.problem.isEmpty())
            return fail(p.problem);
        if (!m_values.contains(p.name)) {
            QStringList known = m_values.keys();
            known.sort();
            return fail(RequestVariables::tr("The variable {{%1}} is not defined for this profile (defined: %2); define it in the variables table or remove it.")
                                .arg(p.name, known.isEmpty() ? RequestVariables::tr("none") : known.join(u", "_s)));
        }
        out += QStringView(text).mid(at, open - at);
        out += m_values.value(p.name);
        at = p.end;
    }
    out += QStringView(text).mid(at);
    return out;
}

QStringList RequestVariables::namesIn(const QString &text)
{
    QStringList names;
    qsizetype at = 0;
    while (true) {
        const qsizetype open = text.indexOf(u"{{"_s, at);
        if (open < 0)
            break;
        const Placeholder p = scan(text, open);
        if (p.end < 0)
            break;
        if (p.problem.isEmpty() && !names.contains(p.name))
            names.append(p.name);
        at = p.end;
    }
    return names;
}

bool RequestVariables::isValidName(const QString &name, QString *error)
{
    auto fail = [error](const QString &sentence) {
        if (error)
            *error = sentence;
        return false;
    };
    if (name.isEmpty())
        return fail(RequestVariables::tr("A variable needs a name."));
    if (name.size() > MaxName)
        return fail(RequestVariables::tr("A variable's name is at most %1 characters.").arg(MaxName));
    for (const QChar c : name) {
        if (!nameChar(c))
            return fail(RequestVariables::tr("The variable name \"%1\" may hold only letters, digits, '_', '-' and '.'.").arg(name));
    }
    if (name == QLatin1StringView(Base) || name == QLatin1StringView(Token))
        return fail(RequestVariables::tr("{{%1}} is TokenLab's own variable; choose another name.").arg(name));
    return true;
}
