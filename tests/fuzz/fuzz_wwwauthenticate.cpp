// SPDX-License-Identifier: MIT
// A WWW-Authenticate header from an API (RFC 9110 11.6.1, RFC 6750 3), and
// the explanation the API console builds from it for a 401 or a 403.
// Mode byte: bit 0 picks 403 over 401, bit 1 says a token was sent, bit 2
// gives the token no scopes.
#include "api/challengeexplainer.h"
#include "fuzzsupport.h"
#include "api/wwwauthenticate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray header = Fuzz::bytes(data, size);
    const quint8 mode = Fuzz::takeByte(header);

    const WwwAuthenticate parsed = WwwAuthenticate::parse(header);
    for (const AuthChallenge &c : parsed.challenges) {
        if (c.scheme.isEmpty())
            __builtin_trap(); // a challenge always has its scheme
        (void)c.param(QStringLiteral("error"));
    }
    (void)parsed.find(QStringLiteral("Bearer"));

    ChallengeContext answer;
    answer.status = (mode & 1) ? 403 : 401;
    answer.tokenSent = mode & 2;
    if (!(mode & 4))
        answer.tokenScopes = {QStringLiteral("openid"), QStringLiteral("profile")};
    answer.method = "GET";
    answer.path = QStringLiteral("/api/private-scoped");
    answer.challenges = parsed;
    const ChallengeExplanation explained = ChallengeExplainer::explain(answer);
    if (explained.sentence.isEmpty())
        __builtin_trap(); // a 401 or 403 is always explained
    if (!explained.missingScope.isEmpty() && answer.status != 403)
        __builtin_trap(); // only insufficient_scope names a scope to ask for
    return 0;
}
