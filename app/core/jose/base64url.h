// SPDX-License-Identifier: MIT
// base64url (RFC 4648 section 5) without padding, as JOSE uses it (RFC 7515 section 2).
// decode() is strict: it refuses padding, whitespace, characters outside the
// url-safe alphabet, a length that no encoding can produce and non-canonical
// trailing bits, so a token that was altered in transit is reported rather
// than silently repaired. It is one pass over a table: every token a verifier
// checks goes through it three times.
// diagnose() says which of those refusals applies, and where, so a caller
// can name the offending character instead of only saying "not base64url".
// It is the slow path: call it only once decode() has refused a text.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace Base64Url {

// The first reason decode() refuses a text; offset is the byte it is at
// (for ImpossibleLength and NonCanonical, the last byte).
struct Fault
{
    enum class Kind { None, BadCharacter, Padding, ImpossibleLength, NonCanonical };
    Kind kind = Kind::None;
    qsizetype offset = -1;
};

QByteArray encode(const QByteArray &data);
std::optional<QByteArray> decode(QByteArrayView text);
Fault diagnose(const QByteArray &text);

} // namespace Base64Url
