// SPDX-License-Identifier: MIT
// A QR code of a short text (a verification URI, RFC 8628 3.3.1), encoded by
// libqrencode, as a value: its modules, and the same drawn for a terminal
// with Unicode half blocks (two rows of modules per line). The window draws
// its own image from dark(). Pure: no terminal or widget is touched here.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>
#include <optional>

class QrCode
{
public:
    // Error correction M; nullopt when the text does not fit in a QR code.
    static std::optional<QrCode> encode(const QByteArray &text);

    int size() const { return m_size; } // modules per side, without the quiet zone
    bool dark(int x, int y) const;      // false outside the code

    // ISO/IEC 18004: four light modules around the code, or readers miss it.
    static constexpr int QuietZone = 4;
    enum class Colours {
        Plain, // dark modules as blocks, light ones as spaces: for a light page or file
        Ansi,  // black blocks on a white background, set by escape codes on every line,
               // so the code scans on a terminal of any theme, light or dark
    };
    // Two rows of modules per line, with the quiet zone drawn too.
    QString halfBlocks(Colours colours, int margin = QuietZone) const;

private:
    int m_size = 0;
    QVector<bool> m_modules;
};
