#include "lineageedgeitem.h"

#include "common/canvascolors.h"

#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>

#include <cmath>

namespace sightline::ui {

namespace {
constexpr qreal kPenWidth = 1.3;
constexpr qreal kEmphasisedPenWidth = 2;
constexpr qreal kMaxWeight = 4;
const QColor kEdgePath(0xc0, 0x27, 0x2d);
} // namespace

LineageEdgeItem::LineageEdgeItem(const EdgeRoute& route, QString fromKey, QString toKey)
    : m_from(std::move(fromKey))
    , m_to(std::move(toKey))
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(0);
    setRoute(route);
}

void LineageEdgeItem::setRoute(const EdgeRoute& route)
{
    prepareGeometryChange();
    m_path = QPainterPath();
    m_arrow.clear();
    m_shape = QPainterPath();
    const QList<QPointF>& p = route.points;
    if (!p.isEmpty()) {
        m_path.moveTo(p.first());
        for (qsizetype i = 1; i + 2 < p.size(); i += 3)
            m_path.cubicTo(p[i], p[i + 1], p[i + 2]);
    }
    if (route.hasArrow && !p.isEmpty()) {
        // Graphviz ends the spline at the arrow's base and gives the tip; the head is a triangle
        // between the two, as wide as it is long at its base.
        const QLineF axis(route.arrowTip, p.last());
        const QLineF normal = axis.normalVector().unitVector();
        const QPointF half = (normal.p2() - normal.p1()) * (axis.length() * 0.45);
        m_arrow << route.arrowTip << p.last() + half << p.last() - half;
    }
    const qreal margin = kEmphasisedPenWidth + kMaxWeight;
    m_bounds = (m_path.boundingRect() | m_arrow.boundingRect()).adjusted(-margin, -margin, margin, margin);
}

QPainterPath LineageEdgeItem::shape() const
{
    if (m_shape.isEmpty() && !m_path.isEmpty()) {
        QPainterPathStroker stroker;
        stroker.setWidth(6);
        m_shape = stroker.createStroke(m_path);
        m_shape.addPolygon(m_arrow);
    }
    return m_shape;
}

void LineageEdgeItem::setEmphasised(bool on)
{
    if (m_emphasised == on)
        return;
    m_emphasised = on;
    setZValue(on ? 0.5 : 0);
    update();
}

void LineageEdgeItem::setOnPath(bool on)
{
    if (m_onPath == on)
        return;
    m_onPath = on;
    setZValue(on ? 0.7 : m_emphasised ? 0.5 : 0);
    update();
}

void LineageEdgeItem::setCount(qsizetype count)
{
    m_weight = count > 1 ? std::min(kMaxWeight, std::log2(qreal(count))) : 0;
    setToolTip(count > 1 ? QStringLiteral("%1 edges").arg(count) : QString());
    update();
}

void LineageEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const QColor colour = m_onPath ? kEdgePath : m_emphasised ? canvasColors().edgeEmphasised : canvasColors().edge;
    const qreal width = (m_emphasised || m_onPath ? kEmphasisedPenWidth : kPenWidth) + m_weight;
    painter->setPen(QPen(colour, width, Qt::SolidLine, Qt::RoundCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    if (!m_arrow.isEmpty()) {
        painter->setPen(QPen(colour, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(colour);
        painter->drawPolygon(m_arrow);
    }
}

} // namespace sightline::ui
