// SPDX-License-Identifier: MIT
// The sandbox's sign-in session cookie, read and written in one place.
//
// RFC 6265 5.4: a browser sends "name=value; name2=value2" in one Cookie
// header. values() returns every value of the session cookie, in order,
// trimmed; anything else in the header (other cookies, junk, a name that
// only starts like ours) is ignored. Values are ASCII session ids; bytes
// outside Latin-1 cannot match one.
#pragma once

#include <QByteArray>
#include <QStringList>

namespace SessionCookie {

constexpr auto Name = "tokenlab_sandbox_session";

QStringList values(const QByteArray &cookieHeader);
// Set-Cookie values: one that starts a session, one that ends it.
QByteArray set(const QString &sessionId);
QByteArray clear();

} // namespace SessionCookie
