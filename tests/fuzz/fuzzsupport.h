// SPDX-License-Identifier: MIT
// What every TokenLab fuzz target shares: the libFuzzer entry points, a
// quiet message handler (a parser's qWarning for each hostile input would
// cost more than the parse), and a way to split one input into the pieces
// a network delivers.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace Fuzz {

// LLVMFuzzerInitialize (in fuzzsupport.cpp) drops Qt's messages, makes a
// QCoreApplication for code that expects one, then calls this. A target that
// needs keys or servers built once defines it; the others get a no-op.
void initializeTarget();

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// The one "now" of every target, so a run is the same on every day.
inline QDateTime fixedNow()
{
    return QDateTime::fromSecsSinceEpoch(1790000000, Qt::UTC);
}

// Takes the first byte as a selector, or 0 from an empty input.
inline quint8 takeByte(QByteArray &input)
{
    if (input.isEmpty())
        return 0;
    const quint8 b = quint8(input.at(0));
    input.remove(0, 1);
    return b;
}

} // namespace Fuzz
