// SPDX-License-Identifier: MIT
// How the sandbox's token and PAR endpoints check a private_key_jwt client
// assertion (RFC 7523 3, OpenID Connect Core 9): a JWS signed by one of the
// client's registered keys (by kid, or each in turn when it names none),
// iss = sub = client_id, aud naming this server, a jti, and an exp in the
// future but not far off. Replay (the same jti twice) is the caller's to
// track with jti and exp. Pure function; the failure is one sentence.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace ClientAssertionCheck {

constexpr int MaxLifetimeSeconds = 300; // exp at most this far ahead

struct Expectation
{
    QString clientId;
    QJsonArray keys;        // the client's public JWKs
    QStringList audiences;  // any one of them is accepted in aud
    qint64 now = 0;
    int leeway = 5;
};

struct Result
{
    bool ok = false;
    QString problem;
    QString jti;
    qint64 exp = 0;
};

Result check(const QByteArray &assertion, const Expectation &expected);

} // namespace ClientAssertionCheck
