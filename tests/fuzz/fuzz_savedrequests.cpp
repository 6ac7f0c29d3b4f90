// SPDX-License-Identifier: MIT
// A profile's saved requests file (SavedCollection::parse), and each
// request it holds turned into an ApiRequest with the file's variables.
// Checked: a refusal is a sentence; what parses writes back and parses to
// the same collection; a secret variable never carries a value; an
// ApiRequest never carries a header with a line break.
#include "api/savedrequests.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    QString error;
    const auto c = SavedCollection::parse(input, &error);
    if (!c) {
        if (error.isEmpty())
            __builtin_trap();
        return 0;
    }
    const auto again = SavedCollection::parse(c->toJson(), &error);
    if (!again || again->requests.size() != c->requests.size() || again->variables != c->variables)
        __builtin_trap();
    RequestVariables variables;
    for (const SavedVariable &v : c->variables) {
        if (v.secret && !v.value.isEmpty())
            __builtin_trap();
        variables.set(v.name, v.value);
    }
    variables.set(QStringLiteral("token"), QStringLiteral("fuzz-token"));
    for (int i = 0; i < c->requests.size(); ++i) {
        if (!(again->requests.at(i) == c->requests.at(i)))
            __builtin_trap();
        const auto r = c->requests.at(i).toApiRequest(variables, QUrl(QStringLiteral("http://127.0.0.1:9/api")), &error);
        if (!r)
            continue;
        for (const auto &h : r->headers) {
            if (h.first.contains('\n') || h.second.contains('\n') || h.second.contains('\r'))
                __builtin_trap();
        }
    }
    return 0;
}
