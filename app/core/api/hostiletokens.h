// SPDX-License-Identifier: MIT
// The probe's hostile tokens: pure builders that derive, from a real token
// and keys TokenLab holds, the tokens a careless JWT library accepts. Each
// builder names the mistake it exposes:
//
//   alteredSignature, alteredPayload      signatures not verified
//   algNone(variant), emptySignature      the algorithm taken from the token
//   hmacWithPublicKey                     algorithm confusion (HS256 keyed
//                                         with the issuer's public key)
//   resigned(key, header changes)         a fresh key under the issuer's kid,
//                                         an embedded jwk, jku and x5u
//   zeroEcdsaSignature                    r = s = 0 (CVE-2022-21449)
//   minted(key, claims)                   a valid token with chosen claims,
//                                         for an API that trusts a key we hold
//
// Contract: pure functions; a token that is not a JWS comes back changed
// in the cheapest way that keeps the case meaningful (a character added),
// never empty. Nothing here sends anything.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class PrivateKey;

namespace HostileTokens {

QByteArray alteredSignature(const QByteArray &token);
// sub and scope changed, the signature kept.
QByteArray alteredPayload(const QByteArray &token);
// The same claims under alg set to algName ("none", "None", "NONE", ...) and no signature.
QByteArray algNone(const QByteArray &token, const QString &algName);
// The real header and payload with an empty signature part.
QByteArray emptySignature(const QByteArray &token);
// The same claims, alg HS256, MAC keyed with secret (the issuer's public key PEM).
QByteArray hmacSigned(const QByteArray &token, const QByteArray &secret, const QJsonObject &headerChanges = {});
// The same claims signed by key; header starts from the token's and takes headerChanges
// (a member with a null value is removed). alg becomes the key's default.
QByteArray resigned(const QByteArray &token, const PrivateKey &key, const QJsonObject &headerChanges);
// The real header and payload with an all-zero ECDSA signature of the right size for alg.
QByteArray zeroEcdsaSignature(const QByteArray &token, const QString &alg);
// A token signed by key with exactly these claims and the header {alg, kid, typ} (typ left out when empty).
QByteArray minted(const PrivateKey &key, const QJsonObject &claims, const QString &typ);

} // namespace HostileTokens
