#pragma once

#include <QHashFunctions>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace sightline {

// Graphviz is asked for no more nodes than this per call: dot's cost grows faster than the graph
// (on the 2-core reference machine ~20-50 ms for 200 lineage-shaped nodes, 0.35-1 s for 1,000;
// see tests/bench/README.md) and a bigger picture is unreadable anyway. Callers pick a
// neighbourhood that fits (boundedNeighbourhood); layout() refuses larger requests.
inline constexpr qsizetype kMaxLayoutNodes = 1000;

// An edge between two nodes of a LayoutRequest, by their index in LayoutRequest::nodeSizes.
struct LayoutEdge
{
    int from = 0; // upstream node index
    int to = 0; // downstream node index

    bool operator==(const LayoutEdge&) const = default;
};

// Everything the layout depends on, and nothing else: node sizes are measured by the caller
// (the ui, with its fonts) so that the model never needs to know how text is drawn. All lengths
// are in points; the view draws one point as one scene unit.
struct LayoutRequest
{
    enum class Direction
    {
        LeftToRight,
        TopToBottom,
    };

    QList<QSizeF> nodeSizes; // node i is identified by its index i
    QList<LayoutEdge> edges;
    Direction direction = Direction::LeftToRight;
    double nodeSeparation = 14; // between nodes of one rank
    double rankSeparation = 56; // between ranks

    bool operator==(const LayoutRequest&) const = default;
};

size_t qHash(const LayoutRequest& request, size_t seed = 0) noexcept;

// A laid-out edge: a piecewise cubic Bezier (points[0] is the start, then three points per
// segment) in scene coordinates, and where its arrowhead ends. The Bezier stops at the base of
// the arrowhead; arrowTip is the point the arrow touches the target.
struct EdgeRoute
{
    QList<QPointF> points;
    bool hasArrow = false;
    QPointF arrowTip;

    bool operator==(const EdgeRoute&) const = default;
};

// The result of layout(): scene coordinates with y growing downwards, one rectangle per request
// node and one route per request edge, in request order.
struct LayoutResult
{
    QRectF bounds; // encloses every node and edge
    QList<QRectF> nodes;
    QList<EdgeRoute> edges;
    QString error; // empty on success

    bool ok() const
    {
        return error.isEmpty();
    }
    bool operator==(const LayoutResult&) const = default;
};

} // namespace sightline
