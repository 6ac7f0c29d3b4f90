// SPDX-License-Identifier: MIT
// What every importer's fuzz target checks of its result: a refusal is one
// sentence, and an accepted import is bounded, saves as TokenLab's own
// saved-requests file (which reads back the same), and keeps no secret
// value among the variables that go to that file.
#pragma once

#include "api/importedcollection.h"

namespace Fuzz {

inline void checkImport(const std::optional<ImportedCollection> &c, const QString &error)
{
    if (!c) {
        if (error.isEmpty() || !error.endsWith(QLatin1Char('.')))
            __builtin_trap(); // a refused import always says why, in a sentence
        return;
    }
    if (c->requests.size() > ImportedCollection::MaxRequests || c->variables.size() > ImportedCollection::MaxVariables)
        __builtin_trap();
    for (const SavedVariable &v : c->variables) {
        if (v.secret && !v.value.isEmpty())
            __builtin_trap(); // a secret's value goes to the keychain only
    }
    for (const QString &note : c->notes) {
        if (note.isEmpty())
            __builtin_trap();
    }
    const SavedCollection files{c->requests, c->variables};
    const auto again = SavedCollection::parse(files.toJson(), nullptr);
    if (!again || again->toJson() != files.toJson())
        __builtin_trap(); // what the import saves, TokenLab reads back
}

} // namespace Fuzz
