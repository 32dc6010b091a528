#include "lineagenodeitem.h"

#include "common/canvascolors.h"

#include "healthstyle.h"

#include "common/kindstyle.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStringList>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace sightline::ui {

namespace {

constexpr qreal kRadius = 6;
constexpr qreal kRing = 4; // outside the box, for the focus and selection rings

QColor mix(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

const QColor kSelection(0xf0, 0x9a, 0x1a); // warm, distinct from every kind colour
const QColor kPath(0xc0, 0x27, 0x2d);
constexpr qreal kBadgeHeight = 13;

QString toolTipOf(const Asset& asset)
{
    QStringList lines {asset.key};
    if (!asset.owner.isEmpty())
        lines.append(QStringLiteral("owner: ") + asset.owner);
    if (!asset.team.isEmpty())
        lines.append(QStringLiteral("team: ") + asset.team);
    if (!asset.channel.isEmpty())
        lines.append(QStringLiteral("channel: ") + asset.channel);
    return lines.join(u'\n');
}

} // namespace

LineageNodeStyle::LineageNodeStyle(const QFont& base)
    : nameFont(base)
    , captionFont(base)
{
    nameFont.setWeight(QFont::DemiBold);
    captionFont.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8);
    nameHeight = QFontMetricsF(nameFont).height();
    captionHeight = QFontMetricsF(captionFont).height();
}

QString LineageNodeStyle::title(const Asset& asset) const
{
    return asset.name.isEmpty() ? asset.key : asset.name;
}

QString LineageNodeStyle::caption(const Asset& asset) const
{
    QStringList parts {kindLabel(asset.kind)};
    if (!asset.platform.isEmpty())
        parts.append(asset.platform);
    const QString who = !asset.team.isEmpty() ? asset.team : asset.owner;
    if (!who.isEmpty())
        parts.append(who);
    return parts.join(QStringLiteral(" · "));
}

QSizeF LineageNodeStyle::measure(const Asset& asset) const
{
    const qreal text = std::max(QFontMetricsF(nameFont).horizontalAdvance(title(asset)),
                                QFontMetricsF(captionFont).horizontalAdvance(caption(asset)));
    const qreal width = std::clamp(text + 2 * kPadX + kStripe, kMinWidth, kMaxWidth);
    const qreal height = 2 * kPadY + nameHeight + kLineGap + captionHeight;
    return QSizeF(std::ceil(width), std::ceil(height));
}

LineageNodeItem::LineageNodeItem(const Asset& asset, const QRectF& sceneRect,
                                 std::shared_ptr<const LineageNodeStyle> style, bool focus)
    : m_key(asset.key)
    , m_name(style->title(asset))
    , m_caption(style->caption(asset))
    , m_kind(asset.kind)
    , m_style(std::move(style))
    , m_focus(focus)
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(focus ? 2 : 1);
    m_toolTipBase = toolTipOf(asset);
    setToolTip(m_toolTipBase);
    setGeometry(sceneRect);
}

void LineageNodeItem::setGeometry(const QRectF& sceneRect)
{
    prepareGeometryChange();
    setPos(sceneRect.topLeft());
    m_box = QRectF(QPointF(0, 0), sceneRect.size());
    m_bounds = m_box.adjusted(-kRing - 12, -kRing - kBadgeHeight / 2, kRing + 12, kRing);
    m_shape = QPainterPath();
    m_shape.addRoundedRect(m_box, kRadius, kRadius);
    QPainterPath band;
    band.addRect(QRectF(m_box.topLeft(), QSizeF(LineageNodeStyle::kStripe, m_box.height())));
    m_stripe = m_shape.intersected(band);

    const qreal textWidth = m_box.width() - 2 * LineageNodeStyle::kPadX - LineageNodeStyle::kStripe;
    m_elidedName = QFontMetricsF(m_style->nameFont).elidedText(m_name, Qt::ElideMiddle, textWidth);
    m_elidedCaption = QFontMetricsF(m_style->captionFont).elidedText(m_caption, Qt::ElideRight, textWidth);
}

void LineageNodeItem::setHighlighted(bool on)
{
    if (m_highlighted == on)
        return;
    m_highlighted = on;
    update();
}

void LineageNodeItem::setNeighbour(bool on)
{
    if (m_neighbour == on)
        return;
    m_neighbour = on;
    update();
}

void LineageNodeItem::setOnPath(bool on)
{
    if (m_onPath == on)
        return;
    m_onPath = on;
    update();
}

void LineageNodeItem::setCounts(qsizetype upstream, qsizetype downstream)
{
    m_upCount = upstream;
    m_downCount = downstream;
    updateToolTip();
    update();
}

void LineageNodeItem::setHealth(const std::optional<AssetHealth>& health)
{
    m_health = health;
    updateToolTip();
    update();
}

void LineageNodeItem::updateToolTip()
{
    QString tip = m_toolTipBase;
    if (m_upCount >= 0)
        tip += QStringLiteral("\n%1 upstream · %2 downstream")
                   .arg(QString::number(m_upCount), QString::number(m_downCount));
    if (m_health)
        tip += QStringLiteral("\nIncident: ") + healthText(*m_health);
    setToolTip(tip);
}

void LineageNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor kind = kindColor(m_kind);
    const CanvasColors& canvas = canvasColors();

    // Rings first, outside the box: amber for the selection, the kind colour for the focus.
    if (m_highlighted || m_focus || m_onPath || m_neighbour) {
        painter->setBrush(Qt::NoBrush);
        const QColor ring = m_highlighted ? kSelection
            : m_onPath                    ? kPath
            : m_focus                     ? kind.darker(120)
                                          : canvas.neighbour;
        painter->setPen(QPen(ring, m_highlighted || m_onPath ? 3 : m_focus ? 2.5 : 1.5));
        painter->drawRoundedRect(m_box.adjusted(-2.5, -2.5, 2.5, 2.5), kRadius + 2, kRadius + 2);
    }

    painter->setPen(QPen(m_focus ? kind.darker(115) : mix(kind, canvas.paper, 0.35), m_focus ? 1.5 : 1));
    painter->setBrush(mix(kind, canvas.paper, m_focus ? 0.72 : 0.9));
    painter->drawPath(m_shape);
    painter->setPen(Qt::NoPen);
    painter->setBrush(kind);
    painter->drawPath(m_stripe);
    if (m_health) {
        // Drawn at every zoom: the overview of a broken estate is where the red is.
        const QColor health = healthColor(m_health->severity);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(health, 2.5));
        painter->drawRoundedRect(m_box.adjusted(1.25, 1.25, -1.25, -1.25), kRadius, kRadius);
        const qreal d = 11;
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(health);
        painter->drawEllipse(QRectF(m_box.right() - d - 4, m_box.bottom() - d - 4, d, d));
    }

    // Text smaller than about 5-7 px on screen (name, caption) cannot be read: leave it out (the boxes, their
    // colours and the edges still show the shape of the lineage).
    if (m_style->nameHeight * lod < 5.5)
        return;
    if (m_upCount >= 0 && m_style->captionHeight * lod >= 7) {
        // Badges: upstream count on the top-left corner, downstream on the top-right.
        painter->setFont(m_style->captionFont);
        const QFontMetricsF metrics(m_style->captionFont);
        const auto badge = [&](qsizetype count, bool right) {
            const QString text = QString::number(count);
            const qreal w = std::max(kBadgeHeight, metrics.horizontalAdvance(text) + 8);
            const QRectF r(right ? m_box.right() - w + 6 : m_box.left() - 6, -kBadgeHeight / 2, w, kBadgeHeight);
            painter->setPen(QPen(mix(kind, canvas.paper, 0.3), 1));
            painter->setBrush(canvas.paper);
            painter->drawRoundedRect(r, kBadgeHeight / 2, kBadgeHeight / 2);
            painter->setPen(canvas.caption);
            painter->drawText(r, Qt::AlignCenter, text);
        };
        // A zero says "root" or "leaf", which the picture shows already.
        if (m_upCount > 0)
            badge(m_upCount, false);
        if (m_downCount > 0)
            badge(m_downCount, true);
    }
    const qreal x = LineageNodeStyle::kStripe + LineageNodeStyle::kPadX;
    const qreal width = m_box.width() - x - LineageNodeStyle::kPadX;
    const bool showCaption = m_style->captionHeight * lod >= 7;
    const qreal block = m_style->nameHeight + (showCaption ? LineageNodeStyle::kLineGap + m_style->captionHeight : 0);
    qreal y = (m_box.height() - block) / 2;
    painter->setFont(m_style->nameFont);
    painter->setPen(canvas.text);
    painter->drawText(QRectF(x, y, width, m_style->nameHeight), Qt::AlignLeft | Qt::AlignVCenter, m_elidedName);
    if (!showCaption)
        return;
    y += m_style->nameHeight + LineageNodeStyle::kLineGap;
    painter->setFont(m_style->captionFont);
    painter->setPen(canvas.caption);
    painter->drawText(QRectF(x, y, width, m_style->captionHeight), Qt::AlignLeft | Qt::AlignVCenter, m_elidedCaption);
}

} // namespace sightline::ui
