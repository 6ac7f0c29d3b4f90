// SPDX-License-Identifier: MIT
// tokenlab-cli's man page and its bash and zsh completions, written from the
// command registry: the same names, summaries, descriptions and options that
// --help shows. The registry prints them on hidden options (--man-page,
// --completion bash|zsh), and the build installs that output.
#pragma once

#include <QString>

class CommandRegistry;

namespace CliManual {

QString manPage(const CommandRegistry &registry);
QString bashCompletion(const CommandRegistry &registry);
QString zshCompletion(const CommandRegistry &registry);

} // namespace CliManual
