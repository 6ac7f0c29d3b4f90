// SPDX-License-Identifier: MIT
// Whether a standard stream is an interactive terminal (progress counters,
// QR codes and prompts only go to one), behind one function so the POSIX
// and Windows calls live in one place; and a prompt's answer read without
// blocking the event loop, the same way on every platform.
#pragma once

#include <QPointer>
#include <QString>
#include <functional>

namespace Terminal {

enum class Stream { Input, Output, Error };

bool isInteractive(Stream stream);
// Whether escape codes (colours) and UTF-8 block characters show as such on
// the stream: a terminal on POSIX; on Windows a console where virtual
// terminal processing and the UTF-8 code page could be switched on.
bool supportsAnsi(Stream stream);

// Reads one line from standard input on a thread of its own, so the event
// loop (timers, Ctrl+C) keeps running while a prompt waits; then calls
// then() on the main thread with the line without its end, or with
// ended = true at the end of input. Nothing is called once receiver is gone.
void readLine(QObject *receiver, std::function<void(const QString &line, bool ended)> then);

} // namespace Terminal
