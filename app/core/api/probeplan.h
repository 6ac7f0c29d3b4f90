// SPDX-License-Identifier: MIT
// The probe's plan: which endpoints of a profile's API to probe and what
// each expects (public, any valid token, or named scopes). A value type
// with a JSON form the user edits and saves with the profile, and the
// quickstart default (the three endpoints every quickstart API has).
//
// Contract: parse() and fromJson() are pure parsers of user-supplied bytes;
// they return a plan or nullopt with one sentence in *error (naming the
// line and column where the bytes do not parse), and never guess a missing
// path or method. Paths are relative to the profile's API base, so a plan
// cannot send the tokens to another origin. A plan has at most
// maxEndpoints endpoints and comes from at most maxDocumentBytes bytes.
//
// parse() is the one entry point for a file or an import: TokenLab's own
// JSON plan, or an OpenAPI 3.0/3.1 document in JSON or YAML (recognised by
// its top-level "openapi" key; see api/openapiplan.h for how operations
// become endpoints).
#pragma once

#include "storage/profile.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

struct ProbeEndpoint
{
    enum class Need { Public, AnyToken, Scopes };
    QByteArray method = "GET";
    QString path;
    Need need = Need::AnyToken;
    QStringList scopes;  // for Need::Scopes
    // The API documents the Authorization header as the only place for the
    // token: a token accepted in the query or a form body is then a fail,
    // not a warning (RFC 6750 2.2, 2.3 allow both but advise against the query).
    bool headerOnly = false;
};

struct ProbePlan
{
    static constexpr int maxEndpoints = 2000;
    static constexpr qsizetype maxDocumentBytes = 2 * 1024 * 1024;

    QList<ProbeEndpoint> endpoints;

    static ProbePlan quickstart(const Profile &profile);
    // The plan the profile saved, or the quickstart's when it saved none (or one that no longer parses).
    static ProbePlan of(const Profile &profile);
    // A TokenLab plan or an OpenAPI document. *notes (optional) receives
    // what an import left out and why; a TokenLab plan leaves nothing out.
    static std::optional<ProbePlan> parse(const QByteArray &bytes, QString *error, QStringList *notes = nullptr);
    // TokenLab's own plan: {"endpoints":[{"method","path","expect","scopes","header_only"}]}.
    static std::optional<ProbePlan> fromJson(const QByteArray &json, QString *error);
    QByteArray toJson() const;

    // What is wrong with one endpoint, as the end of a sentence ("the path
    // must start with a slash"), or empty when the probe can call it: an
    // RFC 9110 token for a method, a path with no control characters, and
    // RFC 6749 3.3 scope tokens, at least one for Need::Scopes.
    static QString check(const ProbeEndpoint &endpoint);
};
