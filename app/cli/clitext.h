// SPDX-License-Identifier: MIT
// A translated sentence with its parts filled in, for the CLI's output:
// CliText::format(tr("... \"%1\" ... %2."), name, count). Every part becomes
// text first and all are filled in one pass, so a part that itself holds
// "%1" (a server's error, a user's header) is printed as it is.
#pragma once

#include <QByteArray>
#include <QChar>
#include <QLatin1String>
#include <QString>
#include <QStringView>

#include <type_traits>

namespace CliText {

inline QString text(const QString &s) { return s; }
inline QString text(QStringView s) { return s.toString(); }
inline QString text(QLatin1String s) { return QString(s); }
inline QString text(const char *s) { return QString::fromUtf8(s); }
inline QString text(const QByteArray &s) { return QString::fromUtf8(s); }
inline QString text(QChar c) { return QString(c); }
inline QString text(char c) { return QString(QLatin1Char(c)); }
template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, char> && !std::is_same_v<T, bool>, int> = 0>
QString text(T n) { return QString::number(n); }
inline QString text(double n) { return QString::number(n); }
template <typename T, std::enable_if_t<std::is_enum_v<T>, int> = 0>
QString text(T n) { return QString::number(static_cast<std::underlying_type_t<T>>(n)); }

template <typename... Parts>
QString format(const QString &sentence, const Parts &...parts)
{
    return sentence.arg(text(parts)...);
}

} // namespace CliText
