// SPDX-License-Identifier: MIT
#include "gui/semanticcolors.h"

#include <QWidget>
#include <algorithm>
#include <cmath>

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
    case Tone::Ok: return dark ? QColor(0x6f, 0xcf, 0x97) : QColor(0x18, 0x72, 0x3f);
    case Tone::Warning: return dark ? QColor(0xf2, 0xc9, 0x4c) : QColor(0x87, 0x5a, 0x00);
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
    case TokenPart::Signature: return dark ? QColor(0x5c, 0xc8, 0xff) : QColor(0x01, 0x64, 0x9e);
    }
    return palette.color(QPalette::Text);
}

QColor color(JsonPart part, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (part) {
    case JsonPart::Key: return dark ? QColor(0x7d, 0xc4, 0xe4) : QColor(0x1f, 0x4e, 0x9c);
    case JsonPart::String: return dark ? QColor(0xa5, 0xd6, 0xa7) : QColor(0x1b, 0x7a, 0x3a);
    case JsonPart::Number: return dark ? QColor(0xff, 0xcc, 0x80) : QColor(0xa0, 0x52, 0x00);
    case JsonPart::Literal: return dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x7b, 0x1f, 0xa2);
    }
    return palette.color(QPalette::Text);
}

double contrast(const QColor &a, const QColor &b)
{
    // Relative luminance of sRGB (WCAG 2.1, "relative luminance").
    auto luminance = [](const QColor &c) {
        auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
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
