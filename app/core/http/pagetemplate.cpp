// SPDX-License-Identifier: MIT
#include "http/pagetemplate.h"

#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace PageTemplate {

QByteArray render(const QString &resourcePath, const QHash<QString, QString> &text,
                  const QHash<QString, QString> &markup)
{
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return "<!doctype html><title>TokenLab</title><p>TokenLab could not load its page " + resourcePath.toUtf8() + ".</p>";
    const QString source = QString::fromUtf8(file.readAll());
    static const QRegularExpression placeholder(u"\\{\\{(\\{?)([a-z_]+)\\}?\\}\\}"_s);
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(source);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(source).mid(last, m.capturedStart() - last);
        const QString name = m.captured(2);
        out += m.captured(1).isEmpty() ? text.value(name).toHtmlEscaped() : markup.value(name);
        last = m.capturedEnd();
    }
    out += QStringView(source).mid(last);
    return out.toUtf8();
}

} // namespace PageTemplate
