// SPDX-License-Identifier: MIT
// Whether a standard stream is an interactive terminal (progress counters,
// QR codes and prompts only go to one), behind one function so the POSIX
// and Windows calls live in one place.
#pragma once

namespace Terminal {

enum class Stream { Input, Output, Error };

bool isInteractive(Stream stream);

} // namespace Terminal
