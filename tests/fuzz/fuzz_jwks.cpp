// SPDX-License-Identifier: MIT
// A JWKS document as an issuer's jwks_uri serves it: the set, every key in
// it (RSA, EC, OKP, and the kinds TokenLab skips), and the key lookup the
// verifier does with a kid and alg.
#include "fuzzsupport.h"
#include "jose/keyset.h"
#include "jose/publickey.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const auto set = KeySet::parse(Fuzz::bytes(data, size), &error);
    if (!set) {
        if (error.isEmpty())
            __builtin_trap(); // a refused set always says why
        return 0;
    }
    for (const JwksKey &k : set->keys()) {
        if (!k.key || k.key->isNull())
            __builtin_trap(); // only usable keys are kept
        (void)k.key->keyType();
        const QStringList algs = k.key->algorithms();
        (void)set->candidates(k.kid, algs.value(0));
        (void)k.key->verify(algs.value(0), "a.b", QByteArray(64, 'x'));
    }
    (void)set->candidates(QStringLiteral("missing"), QStringLiteral("RS256"));
    return 0;
}
