// base64url (RFC 4648 section 5) without padding, as JOSE uses it (RFC 7515 section 2).
// decode() is strict: it refuses padding, whitespace, characters outside the
// url-safe alphabet and a length that no encoding can produce, so a token
// that was altered in transit is reported rather than silently repaired.
#pragma once

#include <QByteArray>
#include <optional>

namespace Base64Url {

QByteArray encode(const QByteArray &data);
std::optional<QByteArray> decode(const QByteArray &text);

} // namespace Base64Url
