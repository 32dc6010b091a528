#pragma once

#include <QColor>

namespace sightline::ui {

// The neutral colours the lineage canvas paints with, from the application palette so the graph
// is readable in the dark theme too. Kind, health and selection colours stay as they are: they
// carry meaning and read on both backgrounds.
struct CanvasColors
{
    QColor background; // the canvas
    QColor paper; // what node fills are mixed towards (white in light, the base colour in dark)
    QColor text;
    QColor caption;
    QColor edge;
    QColor edgeEmphasised;
    QColor neighbour; // ring of a hovered node's neighbours
    QColor groupFill;
    QColor groupBorder;
};

// Recomputed when the application palette changes.
const CanvasColors& canvasColors();

} // namespace sightline::ui
