#include "lineagegroupitem.h"

#include "common/canvascolors.h"

#include "healthstyle.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace sightline::ui {

namespace {

constexpr qreal kPadX = 12;
constexpr qreal kPadY = 7;
constexpr qreal kStack = 4; // the offset of the "cards" behind, saying "more than one"
constexpr qreal kMaxWidth = 340;

QFont nameFontOf(const QFont& base)
{
    QFont f = base;
    f.setWeight(QFont::DemiBold);
    return f;
}

QFont captionFontOf(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8);
    return f;
}

QString captionText(qsizetype count, const QString& groupBy)
{
    const QString assets =
        (count == 1 ? QStringLiteral("%1 asset") : QStringLiteral("%1 assets")).arg(QLocale().toString(count));
    return groupBy.isEmpty() ? assets : QString(assets + QStringLiteral(" · ") + groupBy);
}

} // namespace

QString LineageGroupItem::itemKey(const QString& group)
{
    return QStringLiteral("\x1fgroup:") + group;
}

QSizeF LineageGroupItem::measure(const QFont& base, const QString& label, qsizetype count, const QString& groupBy)
{
    const QFontMetricsF name(nameFontOf(base));
    const QFontMetricsF caption(captionFontOf(base));
    const qreal text = std::max(name.horizontalAdvance(label), caption.horizontalAdvance(captionText(count, groupBy)));
    const qreal width = std::clamp(text + 2 * kPadX + kStack, 130.0, kMaxWidth);
    return QSizeF(std::ceil(width), std::ceil(2 * kPadY + name.height() + 2 + caption.height() + kStack));
}

LineageGroupItem::LineageGroupItem(const QString& group, const QString& label, qsizetype count, const QString& groupBy,
                                   const QRectF& sceneRect, const QFont& base)
    : m_group(group)
    , m_label(label)
    , m_count(count)
    , m_groupBy(groupBy)
    , m_nameFont(nameFontOf(base))
    , m_captionFont(captionFontOf(base))
{
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(1);
    setPos(sceneRect.topLeft());
    m_box = QRectF(QPointF(0, 0), sceneRect.size());
    m_bounds = m_box.adjusted(-4, -12, 10, 4); // room for the health badge on the corner
    m_shape.addRoundedRect(m_box, 6, 6);
    setToolTip(QStringLiteral("%1\n%2\nDouble-click to open the group").arg(group, caption()));
}

QString LineageGroupItem::caption() const
{
    return captionText(m_count, m_groupBy);
}

void LineageGroupItem::setHighlighted(bool on)
{
    if (m_highlighted == on)
        return;
    m_highlighted = on;
    update();
}

void LineageGroupItem::setHealth(qsizetype unhealthy, Severity worst)
{
    m_unhealthy = unhealthy;
    m_worst = worst;
    setToolTip(QStringLiteral("%1\n%2%3\nDouble-click to open the group")
                   .arg(m_group, caption(),
                        unhealthy > 0 ? QStringLiteral("\n%1 with unresolved incidents (worst %2)")
                                            .arg(QLocale().toString(unhealthy), severityName(worst))
                                      : QString()));
    update();
}

void LineageGroupItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QRectF front = m_box.adjusted(0, 0, -kStack, -kStack);
    painter->setPen(QPen(canvasColors().groupBorder, 1));
    painter->setBrush(canvasColors().groupFill.darker(106));
    painter->drawRoundedRect(front.translated(kStack, kStack), 6, 6);
    painter->setPen(
        QPen(m_highlighted ? QColor(0xf0, 0x9a, 0x1a) : canvasColors().groupBorder, m_highlighted ? 3 : 1.2));
    painter->setBrush(canvasColors().groupFill);
    painter->drawRoundedRect(front, 6, 6);
    if (m_unhealthy > 0) {
        // The worst incident inside colours the border; the count sits in a badge on the corner.
        const QColor health = healthColor(m_worst);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(health, 2.5));
        painter->drawRoundedRect(front.adjusted(1.25, 1.25, -1.25, -1.25), 6, 6);
        const QString count = QLocale().toString(m_unhealthy);
        const QFontMetricsF badge(m_captionFont);
        const qreal h = badge.height() + 2;
        const QRectF r(front.right() - std::max(h, badge.horizontalAdvance(count) + 8) + 6, -h / 2,
                       std::max(h, badge.horizontalAdvance(count) + 8), h);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(health);
        painter->drawRoundedRect(r, h / 2, h / 2);
        if (badge.height() * lod >= 5) {
            painter->setFont(m_captionFont);
            painter->setPen(Qt::white);
            painter->drawText(r, Qt::AlignCenter, count);
        }
    }
    const QFontMetricsF name(m_nameFont);
    if (name.height() * lod < 5.5)
        return;
    const QFontMetricsF caption(m_captionFont);
    const qreal width = front.width() - 2 * kPadX;
    const qreal block = name.height() + 2 + caption.height();
    qreal y = (front.height() - block) / 2;
    painter->setFont(m_nameFont);
    painter->setPen(canvasColors().text);
    painter->drawText(QRectF(kPadX, y, width, name.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      name.elidedText(m_label, Qt::ElideMiddle, width));
    y += name.height() + 2;
    painter->setFont(m_captionFont);
    painter->setPen(canvasColors().caption);
    painter->drawText(QRectF(kPadX, y, width, caption.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      caption.elidedText(this->caption(), Qt::ElideRight, width));
}

} // namespace sightline::ui
