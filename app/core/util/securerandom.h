// SPDX-License-Identifier: MIT
// Random values for secrets: PKCE verifiers, state, nonce, codes, refresh
// tokens. All come from OpenSSL's CSPRNG (RAND_bytes); nothing here ever
// falls back to a weaker generator.
#pragma once

#include <QByteArray>

namespace SecureRandom {

QByteArray bytes(int count);
// count random bytes, base64url-encoded without padding.
QByteArray token(int count = 32);

} // namespace SecureRandom
