// SPDX-License-Identifier: MIT
#include "util/timeformat.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace TimeFormat {

QString duration(qint64 seconds)
{
    // Concatenation rather than arg(): a verifier writes two of these per token.
    const qint64 s = qAbs(seconds);
    if (s < 60)
        return QString::number(s) + u" s";
    if (s < 3600)
        return QString::number(s / 60) + u" min " + QString::number(s % 60) + u" s";
    if (s < 86400)
        return QString::number(s / 3600) + u" h " + QString::number((s % 3600) / 60) + u" min";
    return QString::number(s / 86400) + u" d " + QString::number((s % 86400) / 3600) + u" h";
}

QString relative(qint64 delta, bool zeroIsAhead)
{
    if (zeroIsAhead ? delta >= 0 : delta > 0)
        return QCoreApplication::translate("TimeFormat", "in %1").arg(duration(delta));
    return QCoreApplication::translate("TimeFormat", "%1 ago").arg(duration(-delta));
}

} // namespace TimeFormat
