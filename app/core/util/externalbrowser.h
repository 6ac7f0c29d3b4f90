// SPDX-License-Identifier: MIT
// How front ends open the authorization URL outside TokenLab. $BROWSER is
// honoured first, as gh and git do: a command that receives the URL as its
// last argument (or in place of "%s"); a colon-separated list uses its
// first entry. Tests and unusual setups drive the login through it.
#pragma once

#include <QStringList>
#include <QUrl>
#include <optional>

namespace ExternalBrowser {

// The command from $BROWSER for url, or nullopt when $BROWSER is unset.
std::optional<QStringList> commandFromEnvironment(const QUrl &url);
// Starts command detached; false with a sentence in *error.
bool launch(const QStringList &command, QString *error);
// Whether a browser can open here at all: $BROWSER is set, or a desktop is.
// Windows and macOS always have one (but for an SSH session on macOS);
// other systems need $DISPLAY or $WAYLAND_DISPLAY. When false, *why says
// what is missing, for a sentence.
bool canOpen(QString *why = nullptr);

} // namespace ExternalBrowser
