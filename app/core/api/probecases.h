// SPDX-License-Identifier: MIT
// The probe's cases: for one endpoint of a plan, the requests a secure API
// must answer correctly, each with what a right answer is, how bad a wrong
// one is, and what it reveals:
//
// - what a QA engineer tries by hand (no token, a Basic scheme, a malformed
//   token, the signature or a claim altered, the real token), and, when the
//   caller has them, a token lacking the scopes, one for another audience
//   and an expired one;
// - what careless parsing accepts: the token under other schemes of several
//   lengths, a lowercase "bearer" (which must be accepted), the token in the
//   query or a form body (RFC 6750 2.2, 2.3), in the header and the query at
//   once, two Authorization headers;
// - what careless JWT libraries accept: alg none in its case variants, an
//   empty signature, HS256 keyed with the issuer's public key, a fresh key
//   under the issuer's kid, an embedded jwk, jku and x5u pointing at a key set
//   TokenLab serves, a kid carrying a path or quotes, the all-zero ECDSA
//   signature;
// - for a DPoP-bound token (RFC 9449), every case goes under the DPoP scheme
//   with a valid proof, so only what the case changes differs; and the
//   proof's own cases: none, the token as Bearer, a proof for another method
//   or URL, with another token's hash, from another key, too old, replayed;
// - with a key the API trusts (a TokenLab sandbox's), minted tokens no
//   outside tester can make: no exp, expired, nbf or iat in the future,
//   another issuer or audience, an audience array, no sub, scopes that only
//   contain the needed one, scopes as an array, scp, permissions, oversized.
//
// Contract: generate() is a pure function of the endpoint and the material.
// Hostile tokens are derived locally and go nowhere but the plan's endpoints.
#pragma once

#include "api/probeplan.h"
#include "util/deferredtext.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>
#include <memory>

class DpopSigner;
class PrivateKey;

// The tokens a probe may use; all but good are optional.
struct ProbeTokens
{
    QByteArray good;            // a valid access token with every scope the plan needs
    QByteArray narrow;          // valid, but lacking the plan's scopes
    QByteArray otherAudience;   // valid, issued for another audience
    QByteArray expired;         // valid once, now expired
    // A key the profile's issuer publishes and TokenLab holds (a TokenLab
    // sandbox's signing key): turns on the minted cases.
    std::shared_ptr<const PrivateKey> mintKey;
    // For a DPoP-bound good token: the signer of its proof key (RFC 9449).
    std::shared_ptr<DpopSigner> dpop;
};

// What the runner prepared before the cases are generated.
struct ProbeMaterial
{
    ProbeTokens tokens;                 // the extra tokens that fit; the others are empty
    DeferredText goodProblem;           // why the probed token cannot be used (it expired): its cases are not run
    QHash<QString, DeferredText> unfit; // "narrow", "other-audience", "expired", "mint" -> why not used
    qint64 expiredSecondsAgo = 0;       // how long ago the expired token expired
    QByteArray issuerKeyPem;            // the public key that verifies the good token, as PEM
    DeferredText issuerKeyProblem;      // why there is none
    std::shared_ptr<const PrivateKey> freshKey; // a new key of the good token's kind
    QUrl keyServer;                     // TokenLab's key server for jku and x5u, on 127.0.0.1
    QJsonObject mintClaims;             // the claims of a valid minted token (iss, aud, sub, scope, ...)
    QString mintTyp;                    // the typ header of the issuer's own tokens
    qint64 now = 0;                     // seconds since 1970, for minted iat, nbf and exp
    // Tokens re-signed by freshKey that are the same for every endpoint (by
    // case id), made once per run: an RSA signature takes a millisecond or so,
    // and a plan can have a thousand endpoints. Filled by ProbeCases::generate.
    std::shared_ptr<QHash<QString, QByteArray>> resigned = std::make_shared<QHash<QString, QByteArray>>();
};

enum class ProbeGrade { Pass, Warn, Fail, NotRun };

struct ProbeCase
{
    // What the API should do with the request.
    enum class Expect {
        Refuse,   // 401 (or a listed alternative)
        Forbid,   // 403 insufficient_scope: a valid token without the scope
        Accept,   // 2xx
        Either,   // any answer is a style, reported as a note
    };

    QString id;                  // "no-token", "signature-altered", ...
    // The sentences: English for the reports, text() for a person (see util/deferredtext.h).
    DeferredText title;
    QByteArray authorization;    // the Authorization header value; empty: no header
    QByteArray secondAuthorization; // a second Authorization header field (sent over a socket of its own)
    QByteArray queryToken;       // sent as ?access_token=
    QByteArray formToken;        // sent as access_token= in a form body
    Expect expect = Expect::Refuse;
    QList<int> alsoRefusal;      // statuses besides 401 that are a conventional refusal here
    QString expectedError;       // the RFC 6750 error a challenge should carry
    ProbeGrade ifWrong = ProbeGrade::Fail; // the grade of an answer in the wrong direction
    DeferredText flaw;           // what such an answer reveals
    DeferredText notRun;         // not sent, and why
    QString keyPath;             // the key server path this token points at (jku, x5u)
    // The DPoP proof the runner makes for the request as it is sent (htm, htu, iat then).
    enum class Proof { None, Valid, WrongMethod, WrongUrl, WrongAth, OtherKey, Stale, Replayed };
    Proof proof = Proof::None;

    QList<int> expectedStatus() const;
};

namespace ProbeCases {

// The cases for one endpoint; endpointIndex keeps key server paths apart.
QList<ProbeCase> generate(const ProbeEndpoint &endpoint, int endpointIndex, const ProbeMaterial &material);

} // namespace ProbeCases
