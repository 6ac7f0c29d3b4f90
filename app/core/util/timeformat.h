// SPDX-License-Identifier: MIT
// Times as people read them: "4 min 12 s", "2 h 5 min". One place, so the
// GUI, the CLI and (later) the token inspector say it the same way.
#pragma once

#include <QString>

namespace TimeFormat {

// The length of |seconds| in the two largest units that matter.
QString duration(qint64 seconds);
// "in 4 min 12 s" or "2 min ago" for a distance in seconds (a time minus
// now); a distance of zero reads as "in 0 s" when zeroIsAhead.
QString relative(qint64 delta, bool zeroIsAhead = true);

} // namespace TimeFormat
