// SPDX-License-Identifier: MIT
#include "util/deferredtext.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

DeferredText DeferredText::arg(const DeferredText &a) const
{
    DeferredText out = *this;
    out.m_args << a;
    return out;
}

DeferredText DeferredText::joined(const DeferredText &a, const DeferredText &b)
{
    return joined({a, b}, u" "_s);
}

DeferredText DeferredText::joined(const QList<DeferredText> &parts, const QString &separator)
{
    DeferredText out;
    for (const DeferredText &p : parts) {
        if (!p.isEmpty())
            out.m_args << p;
    }
    if (out.m_args.size() == 1)
        return out.m_args.first();
    out.m_joined = !out.m_args.isEmpty();
    out.m_separator = separator;
    return out;
}

DeferredText DeferredText::mapVerbatim(const std::function<QString(const QString &)> &f) const
{
    DeferredText out = *this;
    if (!m_source && !m_joined)
        out.m_verbatim = f(m_verbatim);
    for (DeferredText &a : out.m_args)
        a = a.mapVerbatim(f);
    return out;
}

QString DeferredText::text() const
{
    return render(true);
}

QString DeferredText::english() const
{
    return render(false);
}

QString DeferredText::render(bool translated) const
{
    if (m_joined) {
        QStringList parts;
        for (const DeferredText &a : m_args)
            parts << a.render(translated);
        return parts.join(m_separator);
    }
    if (!m_source)
        return m_verbatim;
    const QString pattern = translated ? QCoreApplication::translate(m_context, m_source) : QString::fromUtf8(m_source);
    if (m_args.isEmpty())
        return pattern;
    // One pass, as QString::arg(a, b, ...) does: an argument's own "%2" is not replaced.
    QString out;
    out.reserve(pattern.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'%' && i + 1 < pattern.size() && pattern.at(i + 1).isDigit() && pattern.at(i + 1) != u'0') {
            qsizetype end = i + 1;
            int n = 0;
            while (end < pattern.size() && pattern.at(end).isDigit() && end < i + 3) {
                n = n * 10 + pattern.at(end).digitValue();
                ++end;
            }
            if (n <= m_args.size()) {
                out += m_args.at(n - 1).render(translated);
                i = end - 1;
                continue;
            }
        }
        out += c;
    }
    return out;
}
