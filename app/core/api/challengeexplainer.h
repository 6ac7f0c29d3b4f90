// SPDX-License-Identifier: MIT
// The sentence for an API's answer that is not a success: what went wrong
// and what to do next, read from the status, the WWW-Authenticate
// challenges (RFC 6750 3, 3.1) and the scopes of the token that was sent.
// The API console shows it under the answer; the probe quotes it.
//
// Many APIs answer 401 and 403 rightly but with no Bearer error (no
// WWW-Authenticate at all, or one without error=). For those the sentence
// quotes the body (ErrorBody: JSON, problem details, a line of text), then
// checks it against what TokenLab knows, labelled apart from what it infers:
// "Known:" the token's exp, aud and iss (decoded from the token sent) against
// the clock and the profile, its scopes against the scopes the probe plan
// says the endpoint needs; "Inferred:" the likely cause and what to do.
//
// Contract: explain() is a pure function of the answer (the clock comes in
// as ChallengeContext::now); a 2xx gets no sentence, every other status gets
// one. It quotes the API's own words (error_description, the body's message,
// bounded and on one line: the API's words, not a secret) and never the token.
// The sentence is a DeferredText: english() for the probe's reports, text()
// where a person reads it (the API tab, tokenlab-cli call, the probe's table).
#pragma once

#include "api/apiexpectations.h"
#include "api/senttoken.h"
#include "api/wwwauthenticate.h"
#include "util/deferredtext.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

struct ChallengeContext
{
    int status = 0;
    WwwAuthenticate challenges;
    bool tokenSent = false;     // an Authorization header went with the request
    QStringList tokenScopes;    // the scopes the token sent carries
    QByteArray method;          // for a 405
    QString path;               // for a 404
    QByteArray allow;           // the Allow header, for a 405
    // For a 401 or 403 without a Bearer error:
    QByteArray body;            // the answer's body (ErrorBody reads at most its first 256 KiB)
    QByteArray contentType;     // the answer's Content-Type
    SentToken token;            // the claims of the token sent, decoded (not verified)
    ApiExpectations expected;   // the endpoint's scopes (the probe plan's), the profile's issuer and audience
    QDateTime now;              // the clock, for the token's exp
};

struct ChallengeExplanation
{
    DeferredText sentence;      // what happened and what to do next; empty for a 2xx
    // The scope to log in again asking for: a 403 insufficient_scope's, or
    // the plan's scopes the token lacks when a 403 (or a body speaking of
    // scopes) came without a Bearer error.
    QString missingScope;
};

namespace ChallengeExplainer {
ChallengeExplanation explain(const ChallengeContext &answer);
}
