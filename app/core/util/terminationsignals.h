// SPDX-License-Identifier: MIT
// Turns SIGINT and SIGTERM into a clean QCoreApplication::quit(), through a
// self-pipe so that nothing but write() runs in the signal handler (on
// Windows: Ctrl+C, Ctrl+Break and closing the console, through
// SetConsoleCtrlHandler and a queued call; on closing the console the
// handler stays until main() has returned, as Windows kills the process
// when it returns). Used by
// the headless executables so servers close their ports and a login in
// progress is cancelled rather than killed mid-write.
#pragma once

#include <functional>

class QCoreApplication;
class QObject;

namespace TerminationSignals {

// Returns false (and changes nothing) if the pipe cannot be created.
bool quitOnSignal(QCoreApplication *app);
// Calls onSignal (on the event loop, never in the handler) instead of quitting.
bool install(QObject *context, std::function<void()> onSignal);

} // namespace TerminationSignals
