// SPDX-License-Identifier: MIT
#include "sandbox/sessioncookie.h"

namespace SessionCookie {

QStringList values(const QByteArray &cookieHeader)
{
    const QByteArray prefix = QByteArray(Name) + '=';
    QStringList out;
    for (const QByteArray &part : cookieHeader.split(';')) {
        const QByteArray c = part.trimmed();
        if (c.startsWith(prefix))
            out << QString::fromLatin1(c.mid(prefix.size()));
    }
    return out;
}

QByteArray set(const QString &sessionId)
{
    return QByteArray(Name) + '=' + sessionId.toLatin1() + "; Path=/; HttpOnly; SameSite=Lax";
}

QByteArray clear()
{
    return QByteArray(Name) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
}

} // namespace SessionCookie
