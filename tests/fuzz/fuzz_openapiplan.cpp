// SPDX-License-Identifier: MIT
// An OpenAPI 3.0/3.1 document in JSON or YAML (the user's import), turned
// into a probe plan. Whatever comes in, a refusal says why, and an accepted
// plan is one the probe can run and save: every endpoint passes
// ProbePlan::check() and the plan reads back from its own JSON.
#include "fuzzsupport.h"
#include "api/openapiplan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    QStringList notes;
    const auto plan = OpenApiPlan::parse(Fuzz::bytes(data, size), &error, &notes);
    if (!plan) {
        if (error.isEmpty() || !error.endsWith(QLatin1Char('.')))
            __builtin_trap(); // a refused document always says why, in a sentence
        return 0;
    }
    if (plan->endpoints.isEmpty() || plan->endpoints.size() > ProbePlan::maxEndpoints)
        __builtin_trap();
    for (const ProbeEndpoint &e : plan->endpoints) {
        if (!ProbePlan::check(e).isEmpty())
            __builtin_trap(); // the importer never hands out an endpoint the probe cannot call
    }
    const auto again = ProbePlan::fromJson(plan->toJson(), nullptr);
    if (!again || again->toJson() != plan->toJson())
        __builtin_trap();
    return 0;
}
