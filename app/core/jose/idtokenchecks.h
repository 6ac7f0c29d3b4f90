// SPDX-License-Identifier: MIT
// The checks OpenID Connect Core 3.1.3.7 asks of an id_token received at
// login, as a pure function with a result per check a user can read. The
// signature is reported as not verified here; the token inspector verifies
// it against the issuer's JWKS.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

struct ClaimCheck
{
    enum class Result { Passed, Failed, NotChecked };
    QString name;    // "nonce", "iss", ...
    Result result = Result::NotChecked;
    QString detail;  // why, in a sentence
};

struct IdTokenChecks
{
    QList<ClaimCheck> checks;
    QString subject;

    bool passed() const;           // no check failed
    QString firstFailure() const;  // the detail of the first failed check

    static IdTokenChecks run(const QString &idToken, const QUrl &issuer, const QString &clientId,
                             const QString &nonce, const QDateTime &now, int leewaySeconds = 60);
};
