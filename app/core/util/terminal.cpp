// SPDX-License-Identifier: MIT
#include "util/terminal.h"

#include <QtGlobal>

#if defined(Q_OS_WIN)
#include <io.h>
#include <stdio.h>
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

} // namespace Terminal
