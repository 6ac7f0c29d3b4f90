// SPDX-License-Identifier: MIT
// What TokenLab keeps of a request on disk never carries a credential. The
// Authorization header, and any header, query parameter, form field or
// top-level JSON member whose name says it carries a token, a secret, a
// password, a key or an assertion, keep their name and lose their value.
// On top of the names, scrub() removes given values (the token that was
// sent) wherever they appear, so a token pasted into a body or a URL does
// not land in a file either.
#pragma once

#include "http/httpmessage.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>

namespace Redaction {

// What a redacted value becomes.
inline constexpr char Marker[] = "[redacted]";

// True for Authorization, Cookie, DPoP, and any name containing token,
// secret, password, passwd, assertion, api-key/apikey/api_key, code_verifier,
// session, signature, credential, private_key; and code, key, auth and sig
// as whole names: case-insensitive.
bool isSensitiveName(const QString &name);

HttpHeaders headers(const HttpHeaders &headers);
QUrl url(const QUrl &url);
// Form bodies field by field, JSON bodies member by member (any depth);
// other bodies are only scrubbed.
QByteArray body(const QByteArray &body, const QByteArray &contentType);
// Every occurrence of each secret (at least 8 bytes long) replaced by the marker.
QByteArray scrub(QByteArray text, const QList<QByteArray> &secrets);
// The values of secret variables, whatever their length, replaced by the
// marker as sent and as a URL, a form or a JSON string carries them
// (percent-encoded, '+' for spaces, JSON-escaped).
QByteArray scrubValues(QByteArray text, const QList<QByteArray> &values);

// The credential values of an Authorization header ("Bearer X" gives X).
QList<QByteArray> credentialsIn(const HttpHeaders &headers);

} // namespace Redaction
