// SPDX-License-Identifier: MIT
// Start-up marks for finding what is on the path to the first idle window:
// with TOKENLAB_STARTUP_MARKS set, each mark() prints one line to stderr,
// "startup: <ms since the first mark> <peak RSS KiB> <what>". Unset (the
// default), a mark costs one branch. For tests/bench and profiling only;
// nothing secret is ever passed as a mark's name.
#pragma once

#include <QElapsedTimer>

class StartupMarks
{
public:
    StartupMarks();
    void mark(const char *what);
    bool enabled() const { return m_enabled; }
    // Peak resident set size so far, from /proc (Linux); 0 elsewhere.
    static long peakRssKiB();

private:
    bool m_enabled = false;
    QElapsedTimer m_clock;
};
