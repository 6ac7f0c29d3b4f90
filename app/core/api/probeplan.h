// The probe's plan: which endpoints of a profile's API to probe and what
// each expects (public, any valid token, or named scopes). A value type
// with a JSON form the user edits and saves with the profile, and the
// quickstart default (the three endpoints every quickstart API has).
//
// Contract: fromJson() is a pure parser of user-supplied bytes; it returns
// a plan or nullopt with one sentence in *error, and never guesses a
// missing path. Paths are relative to the profile's API base, so a plan
// cannot send the tokens to another origin.
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
    QList<ProbeEndpoint> endpoints;

    static ProbePlan quickstart(const Profile &profile);
    // The plan the profile saved, or the quickstart's when it saved none (or one that no longer parses).
    static ProbePlan of(const Profile &profile);
    static std::optional<ProbePlan> fromJson(const QByteArray &json, QString *error);
    QByteArray toJson() const;
};
