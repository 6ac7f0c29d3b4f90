// base64url (RFC 4648 section 5) without padding, as JOSE uses it (RFC 7515 section 2).
// decode() is strict: it refuses padding, whitespace, characters outside the
// url-safe alphabet, a length that no encoding can produce and non-canonical
// trailing bits, so a token that was altered in transit is reported rather
// than silently repaired. It is one pass over a table: every token a verifier
// checks goes through it three times.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace Base64Url {

QByteArray encode(const QByteArray &data);
std::optional<QByteArray> decode(QByteArrayView text);

} // namespace Base64Url
