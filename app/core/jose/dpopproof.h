// SPDX-License-Identifier: MIT
// DPoP proofs (RFC 9449): the JWT a client sends in the DPoP header of every
// token request and every call with a DPoP-bound access token, signed by its
// proof key, and the checks a server runs on one. Pure functions.
//
// make() writes header {typ "dpop+jwt", alg, jwk (public members only)} and
// payload {jti, htm, htu, iat, and nonce and ath when given}; htu is the URL
// without query and fragment (4.2). check() runs 4.3's list in order and
// names the first failure in a sentence; it also serves the request-as-sent
// view, which shows what a proof says.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

class PrivateKey;

namespace DpopProof {

struct Claims
{
    QByteArray method;      // htm: "POST", "GET", ...
    QUrl url;               // htu is derived from it
    qint64 issuedAt = 0;    // iat, seconds since 1970
    QString jti;            // unique per proof; empty: a random one
    QString nonce;          // the server's DPoP-Nonce, when it gave one
    QString accessToken;    // for a resource request: ath is its hash
};

// RFC 9449 4.2: the scheme, authority and path of url, without query and fragment.
QString htu(const QUrl &url);
// RFC 9449 4.2: base64url(SHA-256(ASCII of the access token)).
QString ath(const QString &accessToken);
// The public members of a key's JWK (no kid, use or alg): what the jwk header carries.
QJsonObject headerJwk(const QJsonObject &publicJwk);
// A signed proof; alg empty: the key's default (ES256 for a P-256 key).
QByteArray make(const PrivateKey &key, const Claims &claims, const QString &alg = {});

struct Expectation
{
    QByteArray method;
    QUrl url;
    qint64 now = 0;
    qint64 leeway = 60;        // how far iat may be from now, either way
    QString accessToken;       // non-empty: ath must match it
    QString nonce;             // non-empty: the proof must carry it
    QString boundThumbprint;   // non-empty: the jwk must have it (cnf.jkt of the token)
    QStringList algorithms{QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"),
                           QStringLiteral("RS256"), QStringLiteral("PS256")};
};

struct Result
{
    bool ok = false;
    QString problem;        // the first failed check, one sentence
    QString error;          // "invalid_dpop_proof" or "use_dpop_nonce"
    QJsonObject header;
    QJsonObject payload;
    QString thumbprint;     // the jkt of the proof's key (RFC 7638)
    QString jti;
};

// What a proof says, for the request-as-sent view: "ES256 key <jkt>: htm GET,
// htu …, iat …, jti …, nonce …, ath …", or why it cannot be read.
QString summary(const QByteArray &proof);

// RFC 9449 4.3: one JWT, typ dpop+jwt, an asymmetric alg, a public jwk that
// verifies the signature, htm and htu of this request, a recent iat, a jti,
// and nonce, ath and key binding when expected. Replay (the same jti twice)
// is the caller's to track with jti.
Result check(const QByteArray &proof, const Expectation &expected);

} // namespace DpopProof
