#pragma once

#include "layout/layouttypes.h"

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

namespace sightline::ui {

// One lineage edge as Graphviz routed it: a Bezier spline and an arrowhead at the downstream
// end. Edges take no clicks; the nodes are what the user points at.
class LineageEdgeItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 102
    };

    LineageEdgeItem(const EdgeRoute& route, QString fromKey, QString toKey);

    int type() const override
    {
        return Type;
    }
    QRectF boundingRect() const override
    {
        return m_bounds;
    }
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const QString& fromKey() const
    {
        return m_from;
    }
    const QString& toKey() const
    {
        return m_to;
    }
    // Drawn darker when it touches the selected or focused asset.
    void setEmphasised(bool on);
    // Red and thick: the edge lies on the highlighted path.
    void setOnPath(bool on);
    bool isOnPath() const
    {
        return m_onPath;
    }
    // How many lineage edges this one stands for (edges between groups are bundled); drawn
    // thicker the more it carries, the count in its tooltip.
    void setCount(qsizetype count);
    void setRoute(const EdgeRoute& route);

private:
    QString m_from;
    QString m_to;
    QPainterPath m_path;
    QPolygonF m_arrow;
    QRectF m_bounds;
    mutable QPainterPath m_shape; // stroked outline, built on first use (hit tests are rare)
    bool m_emphasised = false;
    bool m_onPath = false;
    qreal m_weight = 0; // extra pen width for bundles
};

} // namespace sightline::ui
