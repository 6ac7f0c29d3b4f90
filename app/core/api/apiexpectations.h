// SPDX-License-Identifier: MIT
// What TokenLab expects of a call to a profile's API, so that a refusal can
// be checked against it: the scopes the endpoint needs (from the profile's
// probe plan) and the issuer and audience the profile's tokens should name.
// A value type; the API console and `tokenlab-cli call` fill it from the
// profile, ApiClient hands it to the explainer with the answer.
//
// Contract: of() is a pure function of the profile and the request. It
// knows an endpoint's scopes only when the plan lists that method and path
// under the profile's API origin; anything it does not know stays empty,
// and an empty field is never checked.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

struct Profile;
struct ProbePlan;

struct ApiExpectations
{
    QStringList neededScopes;   // the plan's scopes for this endpoint; empty: not known
    QString issuer;             // the profile's issuer; empty: not checked
    QString audience;           // the profile's audience (or RFC 8707 resource); empty: not checked

    static ApiExpectations of(const Profile &profile, const QByteArray &method, const QUrl &url);
    // The same with the profile's plan already read (ProbePlan::of(profile)),
    // for a caller that asks about many requests: reading the plan is the cost.
    static ApiExpectations of(const Profile &profile, const ProbePlan &plan, const QByteArray &method, const QUrl &url);
};
