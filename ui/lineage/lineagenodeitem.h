#pragma once

#include "incidents/incidentstore.h"

#include <optional>

#include "core/asset.h"

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QPainterPath>

#include <memory>

namespace sightline::ui {

// Fonts and measures shared by every node of a view. Node sizes are measured here, in the ui,
// and handed to the layout; the node item then draws into exactly that box.
struct LineageNodeStyle
{
    explicit LineageNodeStyle(const QFont& base);

    QSizeF measure(const Asset& asset) const; // whole points, as the layout expects
    QString title(const Asset& asset) const;
    QString caption(const Asset& asset) const;

    QFont nameFont;
    QFont captionFont;
    qreal nameHeight = 0;
    qreal captionHeight = 0;

    static constexpr qreal kPadX = 10;
    static constexpr qreal kPadY = 6;
    static constexpr qreal kStripe = 5; // the kind-coloured band on the left
    static constexpr qreal kLineGap = 2;
    static constexpr qreal kMinWidth = 120;
    static constexpr qreal kMaxWidth = 320; // longer names are elided (full key in the tooltip)
};

// One asset in the lineage graph: a rounded box tinted by kind, its name and a kind/platform
// caption. Drawn by level of detail: text is dropped when it would be too small to read.
class LineageNodeItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 101
    };

    LineageNodeItem(const Asset& asset, const QRectF& sceneRect, std::shared_ptr<const LineageNodeStyle> style,
                    bool focus);

    int type() const override
    {
        return Type;
    }
    QRectF boundingRect() const override
    {
        return m_bounds;
    }
    QPainterPath shape() const override
    {
        return m_shape;
    }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const QString& key() const
    {
        return m_key;
    }
    AssetKind kind() const
    {
        return m_kind;
    }
    bool isFocus() const
    {
        return m_focus;
    }
    // Our own highlight state, not QGraphicsItem's selection: clicks are decided by the view so
    // that a drag that starts on a node still pans.
    void setHighlighted(bool on);
    bool isHighlighted() const
    {
        return m_highlighted;
    }
    // A direct neighbour of the hovered node, or a node on the highlighted path.
    void setNeighbour(bool on);
    bool isNeighbour() const
    {
        return m_neighbour;
    }
    void setOnPath(bool on);
    bool isOnPath() const
    {
        return m_onPath;
    }
    // How many direct parents and children the asset has in the whole lineage, drawn as small
    // badges on the box's top corners (upstream left, downstream right).
    // The most severe unresolved incident (nullopt: none): a border and a dot in its colour.
    void setHealth(const std::optional<sightline::AssetHealth>& health);
    const std::optional<sightline::AssetHealth>& health() const
    {
        return m_health;
    }
    void setCounts(qsizetype upstream, qsizetype downstream);
    qsizetype upstreamCount() const
    {
        return m_upCount;
    }
    qsizetype downstreamCount() const
    {
        return m_downCount;
    }
    // Places the box at sceneRect (its top-left becomes the item's position).
    void setGeometry(const QRectF& sceneRect);

private:
    void updateToolTip();

    QString m_key;
    QString m_name;
    QString m_caption;
    AssetKind m_kind;
    std::shared_ptr<const LineageNodeStyle> m_style;
    bool m_focus;
    bool m_highlighted = false;
    bool m_neighbour = false;
    bool m_onPath = false;
    qsizetype m_upCount = -1; // -1: no badge
    qsizetype m_downCount = -1;
    QString m_toolTipBase;
    std::optional<AssetHealth> m_health;
    QRectF m_box; // local, from (0, 0)
    QRectF m_bounds; // m_box plus room for the focus/selection ring
    QPainterPath m_shape;
    QPainterPath m_stripe;
    QString m_elidedName;
    QString m_elidedCaption;
};

} // namespace sightline::ui
