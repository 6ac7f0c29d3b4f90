// SPDX-License-Identifier: MIT
#include "util/startupmarks.h"

#include <QFile>
#include <QtGlobal>
#include <cstdio>

long StartupMarks::peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return 0;
}

StartupMarks::StartupMarks()
    : m_enabled(qEnvironmentVariableIsSet("TOKENLAB_STARTUP_MARKS"))
{
    if (m_enabled)
        m_clock.start();
}

void StartupMarks::mark(const char *what)
{
    if (!m_enabled)
        return;
    std::fprintf(stderr, "startup: %.2f %ld %s\n", m_clock.nsecsElapsed() / 1e6, peakRssKiB(), what);
}
