// SPDX-License-Identifier: MIT
// The loopback redirect receiver's input: bytes from any local process,
// parsed with the receiver's own limits (16 KiB head, no body) and, for
// each complete request, judged as the callback of a login that waits.
// The first byte picks whether the provider announced RFC 9207's iss
// (bit 0), whether this is the return from a logout (bit 1), and how the
// bytes arrive (bits 2-7: pieces of 1 to 63 bytes, or 0 for one piece).
#include "oauth/authorizationcallback.h"
#include "fuzzsupport.h"
#include "http/httpmessage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input = Fuzz::bytes(data, size);
    const quint8 mode = Fuzz::takeByte(input);

    HttpRequestParser::Limits limits;
    limits.maxHeaderBytes = 16 * 1024;
    limits.maxBodyBytes = 0;
    HttpRequestParser parser(limits);

    CallbackExpectation expected;
    expected.path = "/callback";
    expected.state = QStringLiteral("0123456789abcdefghijklmnopqrstuv");
    expected.issuer = QUrl(QStringLiteral("http://127.0.0.1:4000/"));
    expected.issuerSendsIss = mode & 1;
    expected.expectCode = !(mode & 2);

    const int piece = (mode >> 2) ? (mode >> 2) : int(input.size()) + 1;
    for (qsizetype at = 0; at < input.size(); at += piece) {
        HttpRequestParser::Result r = parser.feed(input.mid(at, piece));
        while (r == HttpRequestParser::Result::Complete) {
            const HttpRequest request = parser.take();
            const AuthorizationCallback cb = AuthorizationCallback::judge(request, expected);
            if (cb.endsLogin() && cb.reason.isEmpty() && cb.outcome != AuthorizationCallback::Outcome::Code)
                __builtin_trap(); // a login may end only with a sentence saying why
            if (expected.expectCode && cb.outcome == AuthorizationCallback::Outcome::Code && cb.code.isEmpty())
                __builtin_trap(); // a login's code outcome always carries the code
            r = parser.feed({});
        }
        if (r == HttpRequestParser::Result::Error) {
            if (parser.errorStatus() < 400 || parser.errorText().isEmpty())
                __builtin_trap(); // every refusal has a status and a sentence
            break;
        }
    }
    return 0;
}
