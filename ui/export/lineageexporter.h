#pragma once

#include "lineage/lineagegraph.h"

#include <QString>

#include <memory>

class QGraphicsScene;

namespace sightline::ui {

// What to export and where. Usable without any window (the command line calls it under the
// offscreen platform; a QGuiApplication must exist for the image formats, which measure text).
struct LineageExportRequest
{
    enum class Format
    {
        Svg, // vector, text kept as text
        Pdf, // vector
        Png, // raster at `scale` pixels per point
        Dot, // Graphviz source (model/export/lineageexport.h), no layout involved
    };

    std::shared_ptr<const LineageGraph> graph;
    QString focus; // asset key
    int upstreamDepth = 1; // < 0: all the way
    int downstreamDepth = 1;
    Format format = Format::Svg;
    QString outputPath;
    qreal scale = 2.0; // PNG only: device pixels per scene point, 0.25-8
    QString title; // empty: "Lineage of <focus key>"
};

// Parses "svg", "pdf", "png", "dot" (case-insensitive); false for anything else.
bool lineageExportFormatFromName(QStringView name, LineageExportRequest::Format* format);

// Lays out the focus's neighbourhood (synchronously, on the calling thread; capped at
// kMaxLayoutNodes like the view) and writes it with a title and a legend of the kinds shown.
// Returns false and sets *error (when given) on an unknown focus, a layout failure or an
// unwritable file.
bool exportLineage(const LineageExportRequest& request, QString* error);

// Writes what a scene of lineage items shows (the view's current picture, hidden items left
// out) in an image format (not Dot), with the title on top and a legend of the kinds drawn.
bool exportLineageScene(QGraphicsScene* scene, LineageExportRequest::Format format, const QString& outputPath,
                        const QString& title, qreal scale, QString* error);

} // namespace sightline::ui
