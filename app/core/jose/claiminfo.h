// SPDX-License-Identifier: MIT
// What the registered JWT/JOSE names mean, for tooltips and the CLI:
// RFC 7515/7519 header and claims, OpenID Connect, RFC 9068, RFC 8693,
// RFC 7800 and Auth0's own claims. One short phrase and one sentence each.
#pragma once

#include <QString>

namespace ClaimInfo {

struct Description
{
    QString label;   // "issuer"
    QString meaning; // a sentence, with the spec
    bool isTime = false;
};

// Empty label for names nobody registered.
Description claim(const QString &name);
Description header(const QString &name);

} // namespace ClaimInfo
