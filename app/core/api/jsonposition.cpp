// SPDX-License-Identifier: MIT
#include "api/jsonposition.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QString JsonPosition::at(const QByteArray &text, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, text.size());
    const QByteArray before = text.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
    return QCoreApplication::translate("JsonPosition", "Line %1, column %2").arg(line).arg(column);
}

QString JsonPosition::describe(const QByteArray &text, const QJsonParseError &error)
{
    // QJsonParseError::offset is just past the character the parser stopped at.
    return QCoreApplication::translate("JsonPosition", "%1: the JSON does not parse (%2).").arg(at(text, error.offset - 1), error.errorString());
}
