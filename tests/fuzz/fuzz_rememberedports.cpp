// SPDX-License-Identifier: MIT
// The sandbox's remembered-ports file ($XDG_DATA_HOME/tokenlab/sandbox.json):
// any bytes a user or another program left there. What parses must survive
// a round trip through toJson() unchanged.
#include "fuzzsupport.h"
#include "sandbox/rememberedports.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto ports = RememberedPorts::parse(Fuzz::bytes(data, size));
    if (!ports)
        return 0;
    if (ports->authorizationServer == 0 || ports->api == 0 || ports->authorizationServer == ports->api)
        __builtin_trap(); // parse() promises two different real ports
    const auto again = RememberedPorts::parse(ports->toJson());
    if (!again || !(*again == *ports))
        __builtin_trap();
    return 0;
}
