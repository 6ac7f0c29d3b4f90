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

    // Light modules as spaces, dark ones as blocks, with a quiet zone of
    // margin modules; inverted for terminals with light text on dark.
    QString halfBlocks(int margin = 2, bool invert = true) const;

private:
    int m_size = 0;
    QVector<bool> m_modules;
};
