// A WWW-Authenticate header from an API (RFC 9110 11.6.1, RFC 6750 3), and
// the explanation the API console builds from it for a 401 or a 403.
#include "api/apiclient.h"
#include "fuzzsupport.h"
#include "api/wwwauthenticate.h"

#include <QDateTime>

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

    const QDateTime now = Fuzz::fixedNow();
    ApiExchange exchange;
    exchange.request.url = QUrl(QStringLiteral("http://127.0.0.1:4001/api/private-scoped"));
    exchange.outcome = ApiOutcome::HttpError;
    exchange.status = (mode & 1) ? 403 : 401;
    exchange.tokenSent = mode & 2;
    exchange.tokenScopes = {QStringLiteral("openid"), QStringLiteral("profile")};
    exchange.responseHeaders = {{"WWW-Authenticate", header}};
    exchange.challenges = parsed;
    ApiExplainer::explain(exchange, (mode & 4) ? now.addSecs(-10) : now.addSecs(600), now);
    if (exchange.explanation.isEmpty())
        __builtin_trap(); // a 401 or 403 is always explained
    return 0;
}
