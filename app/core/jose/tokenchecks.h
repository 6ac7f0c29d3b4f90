// SPDX-License-Identifier: MIT
// The checks TokenLab runs on a JWT, as pure functions with one readable
// result per check: the algorithm against an allow-list (never "none",
// never HS* with a public key, RFC 8725 3.1), the signature against a key
// set, and the claims: iss, aud, exp, nbf, iat (with a leeway), nonce for
// the id_token of the current login, azp, typ (RFC 9068 at+jwt for access
// tokens), scope's form.
#pragma once

#include "util/clock.h"
#include "jose/idtokenchecks.h"
#include "jose/jwt.h"
#include "jose/keyset.h"

#include <QStringList>
#include <QUrl>

enum class TokenKind { Unknown, Access, Id };

struct TokenExpectations
{
    TokenKind kind = TokenKind::Unknown;
    QUrl issuer;             // empty: iss is shown, not checked
    QString audience;        // access tokens: the API; id tokens: the client_id. Empty: not checked
    QString clientId;        // for azp
    QString nonce;           // the current login's, for its id_token
    QStringList allowedAlgorithms; // empty: any asymmetric algorithm TokenLab knows
    int leewaySeconds = 60;
    bool dpopBound = false;  // the token endpoint said token_type DPoP (RFC 9449 5)
    QString boundKey;        // the profile's DPoP key thumbprint, to check cnf.jkt against; empty: not checked
};

struct SignatureCheck
{
    ClaimCheck check;
    QString kid;             // the key that verified it
    bool verified = false;
};

namespace TokenChecks {

QStringList asymmetricAlgorithms();
TokenKind guessKind(const DecodedJwt &jwt, const TokenExpectations &expected);
// Is the header's alg one TokenLab may verify with a public key at all?
ClaimCheck algorithm(const DecodedJwt &jwt, const QStringList &allowed);
SignatureCheck signature(const DecodedJwt &jwt, const KeySet &keys, const QStringList &allowed, const QString &source);
QList<ClaimCheck> claims(const DecodedJwt &jwt, const TokenExpectations &expected, const QDateTime &now);
// "expires in 4 min 12 s" / "expired 2 min ago".
QString relativeTime(const QDateTime &when, const QDateTime &now, bool future, const QString &pastWord);

} // namespace TokenChecks
