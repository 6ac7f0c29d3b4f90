#include "jose/base64url.h"

namespace Base64Url {

QByteArray encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> decode(const QByteArray &text)
{
    // RFC 4648 section 5: a length of 1 modulo 4 cannot come from any input.
    if (text.size() % 4 == 1)
        return std::nullopt;
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    const auto result = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    // Non-canonical encodings (stray bits in the last character) are refused:
    // re-encoding must give back exactly the input.
    if (encode(*result) != text)
        return std::nullopt;
    return *result;
}

} // namespace Base64Url
