// SPDX-License-Identifier: MIT
#include "gui/semanticcolors.h"

#include <QWidget>

namespace SemanticColors {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

QColor color(Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Plain: return palette.color(QPalette::WindowText);
    case Tone::Ok: return dark ? QColor(0x6f, 0xcf, 0x97) : QColor(0x1e, 0x84, 0x49);
    case Tone::Warning: return dark ? QColor(0xf2, 0xc9, 0x4c) : QColor(0x9a, 0x67, 0x00);
    case Tone::Error: return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x39, 0x2b);
    }
    return palette.color(QPalette::WindowText);
}

QColor color(TokenPart part, const QPalette &palette)
{
    // jwt.io's red, violet and blue, darkened for light backgrounds and lightened for dark ones.
    const bool dark = isDark(palette);
    switch (part) {
    case TokenPart::Header: return dark ? QColor(0xff, 0x79, 0xa8) : QColor(0xc2, 0x18, 0x5b);
    case TokenPart::Payload: return dark ? QColor(0xd4, 0x9b, 0xff) : QColor(0x7b, 0x1f, 0xa2);
    case TokenPart::Signature: return dark ? QColor(0x5c, 0xc8, 0xff) : QColor(0x02, 0x77, 0xbd);
    }
    return palette.color(QPalette::Text);
}

void apply(QWidget *widget, Tone tone)
{
    // Start from the inherited palette each time, so no colour is carried over.
    QPalette p = widget->parentWidget() ? widget->parentWidget()->palette() : QPalette();
    p.setColor(QPalette::WindowText, color(tone, p));
    p.setColor(QPalette::Text, color(tone, p));
    widget->setPalette(p);
    widget->setProperty("tone", int(tone)); // for tests and style checks
}

QString hex(Tone tone, const QPalette &palette)
{
    return color(tone, palette).name();
}

} // namespace SemanticColors
