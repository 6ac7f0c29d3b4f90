// SPDX-License-Identifier: MIT
// WWW-Authenticate challenges (RFC 9110 11.6.1, RFC 6750 3) parsed as a
// pure function. One header may carry several challenges ("Bearer
// realm=\"api\", error=\"invalid_token\", DPoP algs=\"ES256\""), whose
// parameters are separated by the same commas; values are tokens or
// quoted strings with backslash escapes. Garbage is reported, not guessed.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

struct AuthChallenge
{
    QString scheme;                          // as sent; compare case-insensitively
    QString token68;                         // "Basic abc==" style, rare
    QList<QPair<QString, QString>> params;   // names lower-cased

    QString param(const QString &name) const;
    bool isScheme(const QString &name) const { return scheme.compare(name, Qt::CaseInsensitive) == 0; }
};

struct WwwAuthenticate
{
    QList<AuthChallenge> challenges;
    QString error; // why the header could not be read to its end; challenges read before it are kept

    static WwwAuthenticate parse(const QByteArray &header);
    // The first challenge of this scheme, or nullptr.
    const AuthChallenge *find(const QString &scheme) const;
};
