#include "util/timeformat.h"

using namespace Qt::StringLiterals;

namespace TimeFormat {

QString duration(qint64 seconds)
{
    const qint64 s = qAbs(seconds);
    if (s < 60)
        return u"%1 s"_s.arg(s);
    if (s < 3600)
        return u"%1 min %2 s"_s.arg(s / 60).arg(s % 60);
    if (s < 86400)
        return u"%1 h %2 min"_s.arg(s / 3600).arg((s % 3600) / 60);
    return u"%1 d %2 h"_s.arg(s / 86400).arg((s % 86400) / 3600);
}

} // namespace TimeFormat
