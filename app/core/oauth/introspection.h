// SPDX-License-Identifier: MIT
// Token introspection (RFC 7662): what the issuer says of a token it issued,
// parsed as a pure function of the endpoint's answer. active is the one
// member a server must send; the rest (scope, client_id, sub, exp, ...) are
// kept as the server sent them, with the RFC 7662 2.2 ones read out.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

struct Introspection
{
    bool answered = false;  // the endpoint said active true or false
    bool active = false;
    QString scope;
    QString clientId;
    QString username;
    QString subject;
    QString tokenType;
    QStringList audience;
    QString issuer;
    QDateTime expiresAt;    // invalid when absent
    QDateTime issuedAt;
    QJsonObject raw;        // everything the server sent
    QString error;          // one sentence when !answered
    QString errorCode;      // the OAuth error of a refusal (invalid_client, ...)

    // RFC 7662 2.2 and 2.3: the answer to an introspection request.
    static Introspection parse(int httpStatus, const QByteArray &body);
};
