#pragma once

#include <QColor>

class QPalette;

namespace sightline::ui {

// The colours of the history charts, derived from the widget palette so that a dark theme stays
// readable: lines in the palette's highlight and link colours, incident and annotation hues
// lightened on dark backgrounds.
struct ChartColors
{
    QColor background;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor primary;
    QColor secondary;
    QColor band;
    QColor incident;
    QColor annotation;
    QColor crosshair;
};

ChartColors chartColors(const QPalette& palette);

} // namespace sightline::ui
