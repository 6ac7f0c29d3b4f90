// SPDX-License-Identifier: MIT
// An OpenAPI 3.x document (JSON or YAML) read into an ImportedCollection:
// the first oauth2 security scheme's authorizationCode (else
// clientCredentials) flow gives the token and authorization URLs and the
// scopes, an openIdConnect scheme's openIdConnectUrl the issuer;
// servers[0].url becomes the API base; every operation becomes a saved
// request "{{base}}/path" in its first tag's folder, path parameters
// {id} becoming variables {{id}}, a JSON request body's example its body.
// An OpenAPI document names no client: the user gives the client ID.
#pragma once

#include "api/importedcollection.h"

namespace OpenApiImport {

std::optional<ImportedCollection> parse(const QByteArray &bytes, QString *error);

} // namespace OpenApiImport
