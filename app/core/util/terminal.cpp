// SPDX-License-Identifier: MIT
#include "util/terminal.h"

#include <QCoreApplication>
#include <QtGlobal>
#include <cstdio>
#include <thread>

#if defined(Q_OS_WIN)
#include <io.h>
#include <stdio.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace Terminal {

bool isInteractive(Stream stream)
{
#if defined(Q_OS_WIN)
    const int fd = stream == Stream::Input ? _fileno(stdin) : stream == Stream::Output ? _fileno(stdout) : _fileno(stderr);
    return _isatty(fd) != 0;
#else
    const int fd = stream == Stream::Input ? STDIN_FILENO : stream == Stream::Output ? STDOUT_FILENO : STDERR_FILENO;
    return ::isatty(fd) == 1;
#endif
}

bool supportsAnsi(Stream stream)
{
    if (stream == Stream::Input || !isInteractive(stream))
        return false;
#if defined(Q_OS_WIN)
    HANDLE handle = GetStdHandle(stream == Stream::Output ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE);
    DWORD mode = 0;
    if (handle == INVALID_HANDLE_VALUE || !GetConsoleMode(handle, &mode))
        return false;
    if (!SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING))
        return false;
    return SetConsoleOutputCP(CP_UTF8) != 0;
#else
    return true;
#endif
}

void readLine(QObject *receiver, std::function<void(const QString &line, bool ended)> then)
{
    QPointer<QObject> guard(receiver); // copied to the reader thread, dereferenced on the main thread only
    std::thread([guard, then = std::move(then)] {
        char buffer[4096];
        const bool got = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
        QString line = got ? QString::fromLocal8Bit(buffer) : QString();
        while (line.endsWith(u'\n') || line.endsWith(u'\r'))
            line.chop(1);
        QCoreApplication *app = QCoreApplication::instance();
        if (!app)
            return;
        QMetaObject::invokeMethod(
                app, [guard, then, line, got] {
                    if (guard)
                        then(line, !got);
                },
                Qt::QueuedConnection);
    }).detach();
}

} // namespace Terminal
