// SPDX-License-Identifier: MIT
// A plan file given to `probe --plan` or the Probe tab's import: TokenLab's
// own JSON plan or an OpenAPI document, told apart by ProbePlan::parse().
// A refusal says why; an accepted plan passes ProbePlan::check() and saves
// and reads back unchanged.
#include "fuzzsupport.h"
#include "api/probeplan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = Fuzz::bytes(data, size);
    for (const bool viaParse : {true, false}) {
        QString error;
        const auto plan = viaParse ? ProbePlan::parse(bytes, &error) : ProbePlan::fromJson(bytes, &error);
        if (!plan) {
            if (error.isEmpty())
                __builtin_trap(); // a refused plan always says why
            continue;
        }
        if (plan->endpoints.isEmpty() || plan->endpoints.size() > ProbePlan::maxEndpoints)
            __builtin_trap();
        for (const ProbeEndpoint &e : plan->endpoints) {
            if (!ProbePlan::check(e).isEmpty())
                __builtin_trap();
        }
        const auto again = ProbePlan::fromJson(plan->toJson(), nullptr);
        if (!again || again->toJson() != plan->toJson())
            __builtin_trap();
    }
    return 0;
}
