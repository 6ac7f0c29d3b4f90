#include "securerandom.h"
#include "base64url.h"

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
    return Base64Url::encode(bytes(count));
}

} // namespace SecureRandom
