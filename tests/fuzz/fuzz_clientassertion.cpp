// SPDX-License-Identifier: MIT
// A client assertion (RFC 7523) as the sandbox's token and PAR endpoints
// receive it in client_assertion: any bytes, checked against one registered
// key. Nothing but a signature by that key may pass.
#include "fuzzsupport.h"
#include "jose/privatekey.h"
#include "sandbox/clientassertioncheck.h"

#include <QJsonArray>
#include <memory>

namespace {
std::unique_ptr<PrivateKey> key;
ClientAssertionCheck::Expectation expected;
} // namespace

void Fuzz::initializeTarget()
{
    key = std::make_unique<PrivateKey>(PrivateKey::generate(PrivateKey::Type::EcP256));
    expected.clientId = QStringLiteral("dyn-fuzz");
    expected.keys = QJsonArray{key->publicJwk()};
    expected.audiences = {QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("http://127.0.0.1:1/oauth/token")};
    expected.now = Fuzz::fixedNow().toSecsSinceEpoch();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ClientAssertionCheck::Result r = ClientAssertionCheck::check(Fuzz::bytes(data, size), expected);
    if (r.ok)
        __builtin_trap(); // the fuzzer cannot sign with the key
    if (r.problem.isEmpty())
        __builtin_trap();
    return 0;
}
