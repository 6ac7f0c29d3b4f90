// SPDX-License-Identifier: MIT
// A token pasted by the user or received from a server: the JWT decoder,
// then everything the inspector runs on what it decoded (the algorithm
// allow-list, the signature against a real RSA key set, the claim checks,
// the claim descriptions) and the sandbox API's own RS256 verifier.
#include "sandbox/accesstokenverifier.h"
#include "jose/claiminfo.h"
#include "fuzzsupport.h"
#include "jose/jwt.h"
#include "jose/keyset.h"
#include "sandbox/signingkey.h"
#include "jose/tokenchecks.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

struct Keys
{
    SigningKey signer;
    KeySet set;
    AccessTokenVerifier *apiVerifier = nullptr;
};

Keys *keys = nullptr;

} // namespace

void Fuzz::initializeTarget()
{
    keys = new Keys;
    const QByteArray jwks = QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{keys->signer.publicJwk()}}}).toJson();
    QString error;
    keys->set = *KeySet::parse(jwks, &error);
    keys->apiVerifier = new AccessTokenVerifier(keys->signer.publicJwk(), QStringLiteral("http://127.0.0.1:4000/"), 5,
                                                [] { return Fuzz::fixedNow(); });
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray token = Fuzz::bytes(data, size);
    const DecodedJwt jwt = Jwt::decode(token);
    if (!jwt.ok() && jwt.errorText.isEmpty())
        __builtin_trap(); // every malformation has its sentence

    TokenExpectations expected;
    expected.issuer = QUrl(QStringLiteral("http://127.0.0.1:4000/"));
    expected.audience = QStringLiteral("https://api.sandbox.tokenlab.test");
    expected.clientId = QStringLiteral("tokenlab-desktop");
    expected.nonce = QStringLiteral("n-0S6_WzA2Mj");
    expected.kind = TokenChecks::guessKind(jwt, expected);

    if (jwt.ok() && jwt.kind == JwtKind::Jws) {
        const ClaimCheck alg = TokenChecks::algorithm(jwt, {});
        const SignatureCheck sig = TokenChecks::signature(jwt, keys->set, {}, QStringLiteral("fuzz"));
        if (sig.verified && (sig.kid.isEmpty() || !jwt.signatureProblem.isEmpty()))
            __builtin_trap(); // an altered signature part never verifies
        const QList<ClaimCheck> checks = TokenChecks::claims(jwt, expected, Fuzz::fixedNow());
        for (auto it = jwt.payload.begin(); it != jwt.payload.end(); ++it)
            (void)ClaimInfo::claim(it.key());
        for (auto it = jwt.header.begin(); it != jwt.header.end(); ++it)
            (void)ClaimInfo::header(it.key());
        (void)alg;
        (void)checks;
    }
    (void)keys->apiVerifier->verify(token, QStringLiteral("https://api.sandbox.tokenlab.test"));
    return 0;
}
