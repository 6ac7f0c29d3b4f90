// SPDX-License-Identifier: MIT
// A token endpoint's answer (RFC 6749 5.1 and 5.2): the first byte picks
// the HTTP status it came with, the rest is the body.
#include "fuzzsupport.h"
#include "oauth/tokenset.h"

#include <QDateTime>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int statuses[] = {200, 201, 204, 302, 400, 401, 403, 404, 429, 500, 502, 503};
    QByteArray body = Fuzz::bytes(data, size);
    const int status = statuses[Fuzz::takeByte(body) % (sizeof statuses / sizeof *statuses)];
    const QDateTime now = Fuzz::fixedNow();

    QString error, errorCode;
    const auto tokens = TokenResponse::parse(status, body, now, QStringLiteral("openid profile read:messages"),
                                             &error, &errorCode);
    if (!tokens && error.isEmpty())
        __builtin_trap(); // a refused answer always has its sentence
    if (tokens) {
        if (tokens->accessToken.isEmpty())
            __builtin_trap(); // never a token set without an access token
        const auto again = TokenSet::fromJson(tokens->toJson());
        if (!again || again->accessToken != tokens->accessToken || again->refreshToken != tokens->refreshToken)
            __builtin_trap(); // what is stored reads back the same
    }
    return 0;
}
