// SPDX-License-Identifier: MIT
// The head of an API's answer read from raw bytes (RFC 9112 4, 5), as the
// probe's own socket reads it for a request Qt will not send.
#include "fuzzsupport.h"
#include "http/responsehead.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = Fuzz::bytes(data, size);
    ResponseHead head;
    switch (ResponseHead::parse(bytes, &head)) {
    case ResponseHead::Result::Complete:
        if (head.status < 100 || head.status > 999 || head.bodyOffset > bytes.size() || head.bodyOffset > ResponseHead::maxHeadBytes)
            __builtin_trap(); // a complete head has a status and ends inside the bytes and the bound
        for (const auto &h : head.headers) {
            if (h.first.isEmpty() || h.first.contains(':') || h.first.contains('\n'))
                __builtin_trap(); // a field name is a token
        }
        (void)head.joined("WWW-Authenticate");
        break;
    case ResponseHead::Result::Error:
        if (head.error.isEmpty())
            __builtin_trap(); // every refusal has its sentence
        break;
    case ResponseHead::Result::NeedMore:
        if (bytes.size() > ResponseHead::maxHeadBytes)
            __builtin_trap(); // never waits for more past the bound
        break;
    }
    return 0;
}
