#include "jose/base64url.h"

namespace Base64Url {

namespace {

bool inAlphabet(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

} // namespace

QByteArray encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> decode(const QByteArray &text)
{
    if (diagnose(text).kind != Fault::Kind::None)
        return std::nullopt;
    const auto result = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

Fault diagnose(const QByteArray &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (inAlphabet(text.at(i)))
            continue;
        // '=' only at the end is padding, which JOSE leaves out (RFC 7515 2).
        if (text.at(i) == '=' && text.mid(i).count('=') == text.size() - i)
            return {Fault::Kind::Padding, i};
        return {Fault::Kind::BadCharacter, i};
    }
    // RFC 4648 section 5: a length of 1 modulo 4 cannot come from any input.
    if (text.size() % 4 == 1)
        return {Fault::Kind::ImpossibleLength, text.size() - 1};
    // Non-canonical encodings (stray bits in the last character) are refused:
    // re-encoding must give back exactly the input.
    const auto bytes = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!bytes || encode(*bytes) != text)
        return {Fault::Kind::NonCanonical, text.size() - 1};
    return {};
}

} // namespace Base64Url
