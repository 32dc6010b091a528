#pragma once

#include "incidents/incident.h"

#include <QFont>
#include <QGraphicsItem>
#include <QPainterPath>

namespace sightline::ui {

// A collapsed group of assets (a dataset, platform, owner or team) drawn as one stacked box
// with its name and how many assets it holds. Double click or the context menu opens it.
class LineageGroupItem : public QGraphicsItem
{
public:
    enum
    {
        Type = UserType + 103
    };

    // The key the view and the edges know a group node by; never an asset key.
    static QString itemKey(const QString& group);
    // label: what the box shows (a nested group's own key, "412 more datasets"); groupBy: what it
    // collects by, said in the caption (empty: not said).
    static QSizeF measure(const QFont& base, const QString& label, qsizetype count, const QString& groupBy);

    LineageGroupItem(const QString& group, const QString& label, qsizetype count, const QString& groupBy,
                     const QRectF& sceneRect, const QFont& base);

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

    const QString& group() const
    {
        return m_group;
    }
    const QString& label() const
    {
        return m_label;
    }
    QString key() const
    {
        return itemKey(m_group);
    }
    qsizetype count() const
    {
        return m_count;
    }
    QString caption() const;
    void setHighlighted(bool on);
    // Assets inside with an unresolved incident, and the most severe of those (0: none).
    void setHealth(qsizetype unhealthy, sightline::Severity worst);
    qsizetype unhealthy() const
    {
        return m_unhealthy;
    }

private:
    QString m_group;
    QString m_label;
    qsizetype m_count;
    QString m_groupBy;
    QFont m_nameFont;
    QFont m_captionFont;
    QRectF m_box;
    QRectF m_bounds;
    QPainterPath m_shape;
    bool m_highlighted = false;
    qsizetype m_unhealthy = 0;
    Severity m_worst = Severity::Sev4;
};

} // namespace sightline::ui
