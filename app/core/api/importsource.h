// SPDX-License-Identifier: MIT
// Reads what the user points an import at: a file (Postman, Insomnia,
// OpenAPI, told apart by content unless a format is given) or a Bruno
// collection folder, bounded, and hands it to its parser. preview() is
// what the CLI prints and the GUI's preview shows: what becomes what,
// which secrets go to the keychain, and the notes; never a secret's value.
#pragma once

#include "api/importedcollection.h"

namespace ImportSource {

std::optional<ImportedCollection> read(const QString &path, std::optional<ImportedCollection::Format> format, QString *error);
// withSecretsAndNotes false: what becomes what only (the GUI lists the rest apart).
QStringList preview(const ImportedCollection &c, const QString &name, bool withSecretsAndNotes = true);

} // namespace ImportSource
