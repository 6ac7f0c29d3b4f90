// The few colours TokenLab's panels use beyond the palette: ok, warning and
// error, chosen for the palette in use so they read on light and on dark
// desktops. Every coloured text in the window comes from here.
#pragma once

#include <QColor>
#include <QPalette>

class QWidget;

enum class Tone { Plain, Ok, Warning, Error };

namespace SemanticColors {

// The colour of a tone's text on this palette; Plain is the palette's own text colour.
QColor color(Tone tone, const QPalette &palette);
// Colours a label's (or any widget's) text, through its palette, never a style sheet.
void apply(QWidget *widget, Tone tone);
// "#rrggbb" of a tone, for the few rich-text labels.
QString hex(Tone tone, const QPalette &palette);

} // namespace SemanticColors
