// SPDX-License-Identifier: MIT
// The few colours TokenLab's panels use beyond the palette: ok, warning and
// error, and the three parts of an encoded JWT, chosen for the palette in use so they read on light and on dark
// desktops. Every coloured text in the window comes from here.
#pragma once

#include <QColor>
#include <QPalette>

class QWidget;

enum class Tone { Plain, Ok, Warning, Error };
// The parts of an encoded JWT, each in its own colour as jwt.io shows them.
enum class TokenPart { Header, Payload, Signature };
// The parts of pretty-printed JSON in the response and claims views.
enum class JsonPart { Key, String, Number, Literal };

namespace SemanticColors {

// The colour of a tone's text on this palette; Plain is the palette's own text colour.
QColor color(Tone tone, const QPalette &palette);
// Colours a label's (or any widget's) text, through its palette, never a style sheet.
void apply(QWidget *widget, Tone tone);
// "#rrggbb" of a tone, for the few rich-text labels.
QString hex(Tone tone, const QPalette &palette);
// The colour of a token part's text on this palette, distinct from the tones.
QColor color(TokenPart part, const QPalette &palette);
// The colour of a JSON part on this palette's Base (the editors' background).
QColor color(JsonPart part, const QPalette &palette);
// WCAG 2.x contrast ratio of two colours, 1 to 21 (AA asks 4.5 for text).
double contrast(const QColor &a, const QColor &b);

} // namespace SemanticColors
