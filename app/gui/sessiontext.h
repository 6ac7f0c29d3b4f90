// SPDX-License-Identifier: MIT
// What a profile's Session looks like in words: the Login panel's state
// line, the profile list's subtitle, and the tone each is shown in. Pure
// functions of the Session and the time, so every panel says it the same
// way and none keeps its own idea of who is signed in.
#pragma once

#include "gui/semanticcolors.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QDateTime>

class SessionText
{
    Q_DECLARE_TR_FUNCTIONS(SessionText)

public:
    // "Signed in · expires 16:58:04 (in 59 min)", "Session ended: log in again", ...
    static QString state(const Session &session, const QDateTime &now);
    // The list's second line: "signed in · expires 16:58", "token expired", ...
    static QString subtitle(const Session &session, const QDateTime &now);
    static Tone tone(Session::State state);
    // "16:58:04", with the date when it is not today.
    static QString when(const QDateTime &utc, const QDateTime &now);
};
