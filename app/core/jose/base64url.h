// base64url (RFC 4648 section 5) without padding, as JOSE uses it (RFC 7515 section 2).
// decode() is strict: it refuses padding, whitespace, characters outside the
// url-safe alphabet and a length that no encoding can produce, so a token
// that was altered in transit is reported rather than silently repaired.
// diagnose() says which of those refusals applies, and where, so a caller
// can name the offending character instead of only saying "not base64url".
#pragma once

#include <QByteArray>
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
std::optional<QByteArray> decode(const QByteArray &text);
Fault diagnose(const QByteArray &text);

} // namespace Base64Url
