// SPDX-License-Identifier: MIT
// A Postman collection (schema v2.0 or v2.1) or environment, read into an
// ImportedCollection: the collection's (or a folder's or request's)
// `auth` of type oauth2, whose settings are a key/value list (grant_type,
// authUrl, accessTokenUrl, clientId, clientSecret, scope, tokenRequestParams
// and authRequestParams with audience and resource), the `item` tree as
// saved requests (folders as folders), and `variable` / an environment's
// `values` (type "secret" kept as secrets) as profile variables. Postman's
// {{name}} is TokenLab's syntax already.
#pragma once

#include "api/importedcollection.h"

namespace PostmanImport {

// A collection, or an environment (its variables only); nullopt and one sentence.
std::optional<ImportedCollection> parse(const QByteArray &bytes, QString *error);

} // namespace PostmanImport
