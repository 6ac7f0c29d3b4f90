// SPDX-License-Identifier: MIT
// Times as people read them: "4 min 12 s", "2 h 5 min". One place, so the
// GUI, the CLI and (later) the token inspector say it the same way.
#pragma once

#include <QString>

namespace TimeFormat {

// The length of |seconds| in the two largest units that matter.
QString duration(qint64 seconds);

} // namespace TimeFormat
