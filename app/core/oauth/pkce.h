// SPDX-License-Identifier: MIT
// Proof Key for Code Exchange (RFC 7636), S256 only: "plain" gives no
// protection against an intercepted code and TokenLab never sends it.
#pragma once

#include <QByteArray>

namespace Pkce {

// RFC 7636 4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
bool isValidVerifier(const QByteArray &verifier);
// 32 CSPRNG bytes, base64url: 43 characters, as RFC 7636 4.1 recommends.
QByteArray generateVerifier();
// RFC 7636 4.2: BASE64URL(SHA256(ASCII(code_verifier))).
QByteArray challengeS256(const QByteArray &verifier);

} // namespace Pkce
