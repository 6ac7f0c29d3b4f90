// The probe's cases: for one endpoint of a plan, the requests a QA engineer
// tries by hand every release (no token, a Basic scheme, a malformed token,
// the real token with its signature or a claim altered, alg none, the real
// token, and, when the caller has them, a token lacking the scopes, one for
// another audience and an expired one), generated from the current token
// without any help from the issuer, each with the answer a secure API
// gives (RFC 6750 3.1) and what it means when the API answers otherwise.
//
// Contract: generate() is a pure function of the endpoint and the tokens.
// The altered tokens are derived locally and never leave for anywhere but
// the plan's endpoints.
#pragma once

#include "api/probeplan.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The tokens a probe may use; all but good are optional.
struct ProbeTokens
{
    QByteArray good;            // a valid access token with every scope the plan needs
    QByteArray narrow;          // valid, but lacking the plan's scopes
    QByteArray otherAudience;   // valid, issued for another audience
    QByteArray expired;         // valid once, now expired
};

struct ProbeCase
{
    QString id;                 // "no-token", "signature-altered", ...
    QString title;
    QByteArray authorization;   // the whole header value; empty: no header
    QList<int> expectedStatus;  // any of these passes
    QString expectedError;      // the WWW-Authenticate error, when one applies
    QString flaw;               // what a wrong answer reveals
};

namespace ProbeCases {

// The cases for one endpoint. Token-based cases need tokens.good; the
// optional tokens add their cases when present.
QList<ProbeCase> generate(const ProbeEndpoint &endpoint, const ProbeTokens &tokens);

} // namespace ProbeCases
