// SPDX-License-Identifier: MIT
// A paste: anything the user copies into the inspector or gives to
// tokenlab-cli decode. TokenInput::clean, then the decoder on what it left.
// Promises: the token left has no line break and is never longer than the
// paste; nothing stripped means nothing changed; every refusal has a
// sentence and a position inside the token when it names one; an altered
// signature part leaves no signature bytes for a key to verify.
#include "fuzzsupport.h"
#include "jose/jwt.h"
#include "jose/tokeninput.h"

#include <QString>

void Fuzz::initializeTarget()
{
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString pasted = QString::fromUtf8(Fuzz::bytes(data, size));
    const CleanedToken cleaned = TokenInput::clean(pasted);
    if (cleaned.token.contains('\n') || cleaned.token.contains('\r'))
        __builtin_trap();
    if (cleaned.token.size() > pasted.toUtf8().size())
        __builtin_trap();
    if (cleaned.stripped.isEmpty() && cleaned.token != pasted.toUtf8())
        __builtin_trap();
    if (cleaned.stripped.isEmpty() != TokenInput::strippedSentence(cleaned.stripped).isEmpty())
        __builtin_trap();

    const DecodedJwt jwt = Jwt::decode(cleaned.token);
    if (!jwt.ok() && jwt.errorText.isEmpty())
        __builtin_trap();
    if (jwt.problemPosition < 0 || jwt.problemPosition > cleaned.token.size())
        __builtin_trap();
    if (!jwt.signatureProblem.isEmpty() && (!jwt.signature.isEmpty() || !jwt.ok() || jwt.problemPosition == 0))
        __builtin_trap();
    return 0;
}
