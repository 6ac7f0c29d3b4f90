// SPDX-License-Identifier: MIT
// A DPoP header as an API or the sandbox's token endpoint receives it: any
// bytes. DpopProof::check must not crash, must refuse with a sentence and an
// OAuth error, and must never call a proof good unless its own jwk verifies
// it and the thumbprint names that key.
#include "fuzzsupport.h"
#include "jose/dpopproof.h"

void Fuzz::initializeTarget()
{
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray proof = Fuzz::bytes(data, size);
    DpopProof::Expectation expected;
    expected.method = "POST";
    expected.url = QUrl(QStringLiteral("https://issuer.example/token"));
    expected.now = 1'700'000'000;
    expected.accessToken = QStringLiteral("token");
    const DpopProof::Result r = DpopProof::check(proof, expected);
    if (r.ok && (r.thumbprint.isEmpty() || r.jti.isEmpty() || !r.problem.isEmpty()))
        __builtin_trap();
    if (!r.ok && (r.problem.isEmpty() || (r.error != QStringLiteral("invalid_dpop_proof") && r.error != QStringLiteral("use_dpop_nonce"))))
        __builtin_trap();
    return 0;
}
