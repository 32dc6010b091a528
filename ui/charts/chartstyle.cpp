#include "chartstyle.h"

#include <QPalette>

namespace sightline::ui {

ChartColors chartColors(const QPalette& palette)
{
    ChartColors c;
    c.background = palette.color(QPalette::Base);
    const bool dark = c.background.lightness() < 128;
    c.text = palette.color(QPalette::Text);
    c.mutedText = palette.color(QPalette::PlaceholderText);
    c.grid = palette.color(QPalette::Mid);
    c.grid.setAlpha(dark ? 140 : 90);
    c.primary = palette.color(QPalette::Highlight);
    c.secondary = palette.color(dark ? QPalette::LinkVisited : QPalette::Link);
    if (c.secondary == c.primary)
        c.secondary = c.primary.lighter(dark ? 140 : 70);
    c.band = c.primary;
    c.band.setAlpha(dark ? 70 : 50);
    c.incident = QColor::fromHsl(2, 190, dark ? 160 : 105);
    c.annotation = QColor::fromHsl(36, 200, dark ? 150 : 95);
    c.crosshair = c.text;
    c.crosshair.setAlpha(150);
    return c;
}

} // namespace sightline::ui
