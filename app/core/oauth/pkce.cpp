// SPDX-License-Identifier: MIT
#include "oauth/pkce.h"
#include "jose/base64url.h"
#include "util/securerandom.h"

#include <QCryptographicHash>

namespace Pkce {

bool isValidVerifier(const QByteArray &verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (const char c : verifier) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
        if (!ok)
            return false;
    }
    return true;
}

QByteArray generateVerifier()
{
    return SecureRandom::token(32);
}

QByteArray challengeS256(const QByteArray &verifier)
{
    return Base64Url::encode(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
}

} // namespace Pkce
