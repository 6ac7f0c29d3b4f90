// SPDX-License-Identifier: MIT
// An Insomnia export (format 4, JSON or YAML) read into an
// ImportedCollection: its `resources` list holds the workspace, request
// groups (folders, by parentId), requests and environments. A request's or
// group's `authentication` of type oauth2 (grantType, authorizationUrl,
// accessTokenUrl, clientId, clientSecret, scope, usePkce, audience,
// resource) becomes the profile; the base environment and its first
// sub-environment become variables (a private one's as secrets), and
// Insomnia's {{ _.name }} becomes {{name}}.
#pragma once

#include "api/importedcollection.h"

namespace InsomniaImport {

std::optional<ImportedCollection> parse(const QByteArray &bytes, QString *error);

} // namespace InsomniaImport
