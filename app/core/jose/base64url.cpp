// SPDX-License-Identifier: MIT
#include "jose/base64url.h"

#include <array>

namespace {

constexpr unsigned char Invalid = 0xff;

constexpr std::array<unsigned char, 256> decodingTable()
{
    std::array<unsigned char, 256> t{};
    for (auto &v : t)
        v = Invalid;
    for (int i = 0; i < 26; ++i) {
        t[size_t('A' + i)] = static_cast<unsigned char>(i);
        t[size_t('a' + i)] = static_cast<unsigned char>(26 + i);
    }
    for (int i = 0; i < 10; ++i)
        t[size_t('0' + i)] = static_cast<unsigned char>(52 + i);
    t[size_t('-')] = 62;
    t[size_t('_')] = 63;
    return t;
}

constexpr std::array<unsigned char, 256> Table = decodingTable();

} // namespace

namespace Base64Url {

namespace {

bool inAlphabet(char c)
{
    return Table[static_cast<unsigned char>(c)] != Invalid;
}

} // namespace

QByteArray encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> decode(QByteArrayView text)
{
    const qsizetype n = text.size();
    const qsizetype tail = n % 4;
    // RFC 4648 section 5: a length of 1 modulo 4 cannot come from any input.
    if (tail == 1)
        return std::nullopt;
    const auto *in = reinterpret_cast<const unsigned char *>(text.data());
    QByteArray out((n / 4) * 3 + (tail ? tail - 1 : 0), Qt::Uninitialized);
    auto *o = reinterpret_cast<unsigned char *>(out.data());
    const qsizetype whole = n - tail;
    for (qsizetype i = 0; i < whole; i += 4) {
        const unsigned a = Table[in[i]], b = Table[in[i + 1]], c = Table[in[i + 2]], d = Table[in[i + 3]];
        if ((a | b | c | d) & 0xc0) // a character outside the alphabet
            return std::nullopt;
        const unsigned v = (a << 18) | (b << 12) | (c << 6) | d;
        *o++ = static_cast<unsigned char>(v >> 16);
        *o++ = static_cast<unsigned char>(v >> 8);
        *o++ = static_cast<unsigned char>(v);
    }
    if (tail) {
        const unsigned a = Table[in[whole]], b = Table[in[whole + 1]];
        const unsigned c = tail == 3 ? Table[in[whole + 2]] : 0;
        if ((a | b | c) & 0xc0)
            return std::nullopt;
        // Non-canonical encodings (stray bits in the last character) are
        // refused: re-encoding must give back exactly the input.
        if (tail == 2 ? (b & 0x0f) != 0 : (c & 0x03) != 0)
            return std::nullopt;
        *o++ = static_cast<unsigned char>((a << 2) | (b >> 4));
        if (tail == 3)
            *o++ = static_cast<unsigned char>(((b & 0x0f) << 4) | (c >> 2));
    }
    return out;
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
