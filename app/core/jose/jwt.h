// SPDX-License-Identifier: MIT
// Decoding of compact JWS/JWE serialisations (RFC 7515 7.1, RFC 7516 7.1) as
// pure functions. Nothing here checks a signature or a claim: see
// PublicKey::verify and the claim checks built on it.
//
// A token is classified, never thrown away: three parts is a JWS whose header
// and payload must be base64url JSON objects; five parts is an encrypted JWE
// (its protected header is still shown); anything else that looks like a
// bearer token is opaque. Every malformation has its own error and sentence;
// a bad character is named with its 1-based position in the token.
//
// A JWS whose signature part alone is not canonical base64url (a character
// outside the alphabet, '=' padding, an impossible length, stray bits in the
// last character) is still decoded, as jwt.io does: header and payload are
// shown, signatureProblem says what was altered, and signature stays empty
// so that no key can verify it. Only a signature check can then pass or fail.
//
// decode() is reentrant. Each thread keeps the last JWS header it decoded
// (one entry, at most MaxTokenBytes) and reuses it for a token whose header
// is byte for byte the same, as a verifier's bulk of tokens from one issuer
// and key are; the result is what decoding it again would give.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

enum class JwtKind { Jws, Jwe, Opaque };

enum class JwtError {
    None,
    Empty,
    TooLarge,
    WrongPartCount,   // 2 or 4 parts, or more than 5
    BadBase64Url,
    BadJson,
    NotAnObject,
};

struct DecodedJwt
{
    JwtKind kind = JwtKind::Opaque;
    JwtError error = JwtError::None;
    QString errorText;          // the sentence for error, naming the part
    QJsonObject header;
    QJsonObject payload;        // empty for JWE and opaque tokens
    QByteArray signingInput;    // "header.payload" as sent, for JWS
    QByteArray signature;       // decoded signature bytes, for JWS; empty when signatureProblem is set
    QString signatureProblem;   // the sentence when the signature part was altered; decoding still succeeds
    int problemPosition = 0;    // 1-based character in the token that error or signatureProblem names; 0: none

    bool ok() const { return error == JwtError::None; }
};

namespace Jwt {

constexpr int MaxTokenBytes = 64 * 1024;

DecodedJwt decode(const QByteArray &token);
QString errorSentence(JwtError error);

// RFC 7519 2 NumericDate: seconds since 1970 as a JSON number, fractions
// dropped. nullopt for anything else, and for numbers no calendar holds
// (before the year 1 or after 9999), so 1e308 never reaches integer code.
std::optional<qint64> numericDate(const QJsonValue &value);
// RFC 7519 4.1.3: aud as a list, whether the token gives one string or an array.
QStringList audiences(const QJsonObject &claims);
// RFC 9449 6.1: the thumbprint of the DPoP key a token is bound to (cnf.jkt); empty when unbound.
QString boundKey(const QJsonObject &claims);

} // namespace Jwt
