// SPDX-License-Identifier: MIT
#include "util/qrcode.h"

#include <qrencode.h>

std::optional<QrCode> QrCode::encode(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 2048)
        return std::nullopt;
    // 8-bit mode: URIs are bytes; QR_ECLEVEL_M survives a smudged screen photo.
    QRcode *code = QRcode_encodeData(int(text.size()), reinterpret_cast<const unsigned char *>(text.constData()), 0, QR_ECLEVEL_M);
    if (!code)
        return std::nullopt;
    QrCode out;
    out.m_size = code->width;
    out.m_modules.resize(code->width * code->width);
    for (int i = 0; i < code->width * code->width; ++i)
        out.m_modules[i] = code->data[i] & 1; // bit 0: dark
    QRcode_free(code);
    return out;
}

bool QrCode::dark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_modules.at(y * m_size + x);
}

using namespace Qt::StringLiterals;

QString QrCode::halfBlocks(Colours colours, int margin) const
{
    // Each character is two modules stacked: upper half block, lower half block, full, or space.
    // An odd number of rows leaves the last line's lower half light: the quiet zone goes on.
    const bool ansi = colours == Colours::Ansi;
    QString out;
    for (int y = -margin; y < m_size + margin; y += 2) {
        if (ansi)
            out += u"\x1b[30;47;107m"_s; // black on bright white (plain white where 107 is unknown), for this line
        for (int x = -margin; x < m_size + margin; ++x) {
            const bool top = dark(x, y);
            const bool bottom = y + 1 < m_size + margin && dark(x, y + 1);
            out += top && bottom ? QChar(0x2588) : top ? QChar(0x2580) : bottom ? QChar(0x2584) : QChar(u' ');
        }
        if (ansi)
            out += u"\x1b[0m"_s; // the terminal's own colours again before the line ends
        out += u'\n';
    }
    return out;
}
