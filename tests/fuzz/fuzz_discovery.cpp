// SPDX-License-Identifier: MIT
// An OpenID Provider's discovery document (OpenID Connect Discovery 1.0,
// RFC 8414), checked against the issuer TokenLab asked.
#include "fuzzsupport.h"
#include "oauth/providermetadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QUrl issuer(QStringLiteral("http://127.0.0.1:4000/"));
    QString error;
    const auto metadata = ProviderMetadata::parse(Fuzz::bytes(data, size), issuer, &error);
    if (!metadata && error.isEmpty())
        __builtin_trap(); // a refused document always says why
    return 0;
}
