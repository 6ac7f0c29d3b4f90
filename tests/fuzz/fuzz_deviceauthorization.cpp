// SPDX-License-Identifier: MIT
// A device authorization endpoint's answer (RFC 8628 3.2): any bytes under
// any status. Promises: no crash; an answer is either read or refused with
// a sentence, never both; a read answer has codes, a usable verification
// URI, a lifetime within a day and an interval within ten minutes.
#include "fuzzsupport.h"
#include "oauth/deviceauthorization.h"
#include "oauth/providermetadata.h"

void Fuzz::initializeTarget()
{
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const int status = data[0] % 2 ? 200 : 400 + data[0] % 100;
    QString error;
    const auto d = DeviceAuthorization::parse(status, Fuzz::bytes(data + 1, size - 1), &error);
    if (bool(d) == !error.isEmpty())
        __builtin_trap();
    if (d && (status != 200 || d->deviceCode.isEmpty() || d->userCode.trimmed().isEmpty() || d->userCode.size() > 64
              || !ProviderMetadata::isAcceptableEndpoint(d->verificationUri) || d->expiresIn < 1 || d->expiresIn > 86400
              || d->interval < 1 || d->interval > 600))
        __builtin_trap();
    return 0;
}
