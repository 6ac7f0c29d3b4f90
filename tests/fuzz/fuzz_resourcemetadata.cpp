// SPDX-License-Identifier: MIT
// Protected resource metadata (RFC 9728) from any API the user points
// TokenLab at. What parses must be about that API and name only https (or
// loopback) authorization servers; what is refused always says why.
#include "fuzzsupport.h"
#include "oauth/providermetadata.h"
#include "oauth/resourcemetadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QUrl api(QStringLiteral("http://127.0.0.1:4001/api/private"));
    QString error;
    const auto m = ResourceMetadata::parse(Fuzz::bytes(data, size), api, &error);
    if (!m) {
        if (error.isEmpty())
            __builtin_trap();
        return 0;
    }
    if (!ResourceMetadata::identifies(m->resource, api) || m->authorizationServers.isEmpty())
        __builtin_trap();
    for (const QUrl &issuer : m->authorizationServers) {
        if (!ProviderMetadata::isAcceptableEndpoint(issuer))
            __builtin_trap();
    }
    return 0;
}
