// SPDX-License-Identifier: MIT
// Time as TokenLab's core sees it. Everything that checks or stamps a time
// (token expiry, code lifetime, leeway) takes a Clock, so tests can move time
// forward instead of sleeping.
#pragma once

#include <QDateTime>
#include <functional>

using Clock = std::function<QDateTime()>;

inline Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}
