// SPDX-License-Identifier: MIT
// The sandbox switches file ($XDG_DATA_HOME/tokenlab/sandbox-switches.json):
// any bytes a user or another program left there. What parses must come
// back unchanged through toJson(), and a refusal always has its sentence.
#include "fuzzsupport.h"
#include "sandbox/sandboxswitches.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const auto switches = SandboxSwitches::parse(Fuzz::bytes(data, size), &error);
    if (!switches) {
        if (error.isEmpty())
            __builtin_trap();
        return 0;
    }
    const auto again = SandboxSwitches::parse(switches->toJson(), nullptr);
    if (!again || *again != *switches)
        __builtin_trap();
    return 0;
}
