// SPDX-License-Identifier: MIT
#include "util/securerandom.h"

#include <openssl/rand.h>

#include <cstdlib>

namespace SecureRandom {

QByteArray bytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1) {
        // A failing CSPRNG leaves no safe way to continue handing out secrets.
        std::abort();
    }
    return out;
}

QByteArray token(int count)
{
    // RFC 4648 5: base64url without padding
    return bytes(count).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace SecureRandom
