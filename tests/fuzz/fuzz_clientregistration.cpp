// SPDX-License-Identifier: MIT
// An authorization server's answer to TokenLab's dynamic registration (RFC
// 7591 3.2), with the status as the first byte's choice. What parses has a
// client_id, no client secret, and keeps the registration access token out
// of the document it may show; what is refused always says why.
#include "fuzzsupport.h"
#include "oauth/clientregistration.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input = Fuzz::bytes(data, size);
    static const int statuses[] = {201, 200, 400, 401, 403, 500};
    const int status = statuses[Fuzz::takeByte(input) % 6];
    QString error;
    const auto r = ClientRegistration::parseResponse(status, input, &error);
    if (!r) {
        if (error.isEmpty())
            __builtin_trap();
        return 0;
    }
    if (r->clientId.isEmpty() || r->raw.contains(QLatin1String("registration_access_token"))
        || r->raw.contains(QLatin1String("client_secret")) || r->tokenEndpointAuthMethod != QLatin1String("none"))
        __builtin_trap();
    return 0;
}
