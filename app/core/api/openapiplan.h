// SPDX-License-Identifier: MIT
// Plans from OpenAPI: an OpenAPI 3.0 or 3.1 document, in JSON or YAML,
// turned into the probe's plan, one endpoint per operation (get, put, post,
// delete, patch, head, options under "paths"; trace is not probed), in document order.
//
// The probe sends one Bearer token, so the rules ask what that token must
// carry (OpenAPI 3.1 4.8.10, 4.8.30):
// - An operation's "security" replaces the root's. No requirement at either
//   level, an empty list, or an empty alternative {} among the alternatives
//   (anonymous callers are let in) makes the endpoint public.
// - Otherwise the first alternative whose schemes all take a Bearer token
//   (oauth2, openIdConnect, http with scheme bearer) decides: the scopes its
//   oauth2 and openIdConnect schemes list, together, or any valid token when
//   they list none. The role names OpenAPI 3.1 allows on other schemes are
//   not OAuth scopes and are not read.
// - An operation with no such alternative (apiKey, http basic, mutualTLS
//   alone, or a Bearer scheme that also needs one of those) is left out of
//   the plan and named in *notes: the probe cannot send that credential,
//   and calling the operation public would turn its correct 401 into a fail.
// - A path template ("/items/{id}") gets a sample for each parameter: the
//   parameter's example, else its schema's example, default or first enum
//   value, else 1 for integer and number, true for boolean, a fixed UUID for
//   format uuid, "sample" for the rest; percent-encoded.
// - Paths stay relative to the profile's API base: servers[] is not read.
//   Set the API base to the server's URL, path included.
// - A local "$ref" ("#/components/...") is followed for path items,
//   parameters, schemas and security schemes, up to 16 hops, so a cycle is
//   refused; a parameter or schema elsewhere gets the type's sample.
//
// Contract: a pure function of the bytes (see api/yamldocument.h for the
// bounds on size, aliases and nesting). A plan, or nullopt with one sentence
// that names the line and column and what is wrong there. At most
// ProbePlan::maxEndpoints operations; a document with more is refused.
#pragma once

#include "api/probeplan.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace OpenApiPlan {

std::optional<ProbePlan> parse(const QByteArray &document, QString *error, QStringList *notes = nullptr);

} // namespace OpenApiPlan
