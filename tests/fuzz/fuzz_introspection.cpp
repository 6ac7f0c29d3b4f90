// SPDX-License-Identifier: MIT
// An introspection endpoint's answer: any bytes under any status. Promises:
// no crash; an answer is either read (active said as a boolean) or refused
// with a sentence, never both; only a 200 can say active.
#include "fuzzsupport.h"
#include "oauth/introspection.h"

void Fuzz::initializeTarget()
{
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const int status = data[0] % 2 ? 200 : 400 + data[0] % 100;
    const Introspection r = Introspection::parse(status, Fuzz::bytes(data + 1, size - 1));
    if (r.answered == !r.error.isEmpty())
        __builtin_trap();
    if (r.active && (!r.answered || status != 200))
        __builtin_trap();
    return 0;
}
