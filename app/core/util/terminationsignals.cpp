// SPDX-License-Identifier: MIT
#include "util/terminationsignals.h"

#include <QCoreApplication>

#if defined(Q_OS_WIN)
#include <QMetaObject>
#include <QPointer>
#include <windows.h>
#else
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace {

#if defined(Q_OS_WIN)
// Windows: Ctrl+C, Ctrl+Break and closing the console arrive on a thread of
// their own; the handler only queues onSignal to the context's thread.
QPointer<QObject> g_context;
std::function<void()> g_onSignal;

BOOL WINAPI consoleHandler(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT && type != CTRL_CLOSE_EVENT)
        return FALSE;
    if (QObject *context = g_context.data())
        QMetaObject::invokeMethod(context, [] { if (g_onSignal) g_onSignal(); }, Qt::QueuedConnection);
    // Closing the console ends the process as soon as this handler returns
    // (and after about five seconds in any case). Staying here lets main()
    // finish its clean-up (a login cancelled, locks released, streams
    // flushed): when main() returns, ExitProcess ends this thread too.
    if (type == CTRL_CLOSE_EVENT)
        Sleep(5000);
    return TRUE;
}
#else
// POSIX: SIGINT and SIGTERM through a self-pipe; write() is all the handler does.
int g_pipe[2] = {-1, -1};

bool makePipe()
{
#if defined(Q_OS_LINUX)
    return ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) == 0;
#else
    // macOS and the BSDs: no pipe2 everywhere, so the flags one by one.
    if (::pipe(g_pipe) != 0)
        return false;
    for (int fd : g_pipe) {
        ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    return true;
#endif
}

void writeToPipe(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_pipe[1], &byte, 1);
}
#endif

} // namespace

namespace TerminationSignals {

bool quitOnSignal(QCoreApplication *app)
{
    return install(app, [app] { app->quit(); });
}

bool install(QObject *context, std::function<void()> onSignal)
{
#if defined(Q_OS_WIN)
    g_context = context;
    g_onSignal = std::move(onSignal);
    return SetConsoleCtrlHandler(consoleHandler, TRUE) != 0;
#else
    if (g_pipe[0] < 0 && !makePipe())
        return false;
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [onSignal] {
        char buffer[16];
        while (::read(g_pipe[0], buffer, sizeof buffer) > 0) { }
        onSignal();
    });
    struct sigaction sa = {};
    sa.sa_handler = writeToPipe;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    return true;
#endif
}

} // namespace TerminationSignals
