// SPDX-License-Identifier: MIT
// What the user pasted, made into the token it holds: a pure function.
// People paste what they copied from a request or a log, not only the token:
// `Bearer eyJ…`, `Authorization: Bearer eyJ…`, `DPoP eyJ…` (RFC 9449 7.1),
// in any case, in quotes or backticks, with a trailing newline, or broken
// across lines by a terminal or an e-mail. clean() strips exactly those
// wrappers and says which, so the user sees what was taken away; it never
// repairs the token itself (a bad character stays, for Jwt::decode to name).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

struct CleanedToken
{
    QByteArray token;       // what is left, UTF-8; may be empty or still malformed
    QStringList stripped;   // in the order found, each once: "the Authorization: header name",
                            // "the Bearer scheme", "the DPoP scheme", "quotes", "whitespace"
};

namespace TokenInput {

CleanedToken clean(const QString &pasted);
// "Stripped the Authorization: header name, the Bearer scheme and whitespace."; empty when nothing was.
QString strippedSentence(const QStringList &stripped);

} // namespace TokenInput
