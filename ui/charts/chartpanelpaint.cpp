// The painting half of ChartPanel: titles, axis labels, markers, point labels, crosshair and the
// drag-to-zoom band, drawn over the chart with QPainter (cheap per frame, unlike QtCharts' own
// text items).
#include "chartpanel.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetricsF>
#include <QPainter>
#include <QValueAxis>

#include <cmath>

namespace sightline::ui {

namespace {

QString scaleName(double scale)
{
    if (scale >= 1e9)
        return ChartPanel::tr("billions");
    if (scale >= 1e6)
        return ChartPanel::tr("millions");
    if (scale >= 1e3)
        return ChartPanel::tr("thousands");
    return {};
}

} // namespace

void ChartPanel::drawAxisLabels(QPainter* painter, const QRectF& plot, const QFontMetricsF& fm) const
{
    painter->save();
    painter->setClipping(false);
    painter->setPen(m_colors.text);
    // Value labels at the axis' dynamic ticks (multiples of the interval), right-aligned.
    const double yMin = m_axisY->min();
    const double yMax = m_axisY->max();
    const double step = m_axisY->tickInterval();
    if (yMax > yMin && step > 0) {
        for (double v = std::ceil(yMin / step - 1e-9) * step; v <= yMax + step * 1e-9; v += step) {
            const double py = plot.bottom() - (v - yMin) / (yMax - yMin) * plot.height();
            const QString text =
                QString::asprintf(qPrintable(m_axisY->labelFormat()), std::abs(v) < step * 1e-6 ? 0.0 : v);
            const QRectF box(0, py - fm.height() / 2, plot.left() - 5, fm.height());
            painter->drawText(box, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideLeft, box.width()));
        }
    }
    // Time labels (UTC, as every time in Sightline) under the grid lines of the time axis.
    if (m_timeLabels) {
        const int ticks = m_axisX->tickCount();
        const QString format = m_axisX->format();
        double lastRight = -1e9;
        for (int i = 0; i < ticks; ++i) {
            const double x = m_x0 + (m_x1 - m_x0) * i / std::max(1, ticks - 1);
            const QString text = QDateTime::fromMSecsSinceEpoch(qint64(std::llround(x)), Qt::UTC).toString(format);
            const double w = fm.horizontalAdvance(text);
            const double px = std::clamp(pixelAtX(x) - w / 2, 0.0, double(width()) - w - 1);
            if (px < lastRight + 6)
                continue;
            painter->drawText(QPointF(px, plot.bottom() + 4 + fm.ascent()), text);
            lastRight = px + w;
        }
    }
    painter->restore();
}

void ChartPanel::drawForeground(QPainter* painter, const QRectF& rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = plotRect();
    painter->save();
    QFont font = painter->font();
    font.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.9));
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF fm(font);

    // Title, with the unit the values are shown in.
    QString title = m_title;
    const QString unit = scaleName(m_scale);
    if (!unit.isEmpty() || !m_unit.isEmpty())
        title += QStringLiteral(" (")
            + (unit.isEmpty() ? m_unit : unit + (m_unit.isEmpty() ? QString() : QStringLiteral(" ") + m_unit))
            + QStringLiteral(")");
    painter->setFont(bold);
    painter->setPen(m_colors.text);
    painter->drawText(QPointF(8, kTitleHeight - 7), title);
    painter->setFont(font);

    bool empty = true;
    for (const Series& s : m_series)
        empty = empty && s.raw.isEmpty();
    if (empty && !m_emptyText.isEmpty()) {
        painter->setPen(m_colors.mutedText);
        painter->drawText(plot, Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
    }

    painter->setClipRect(plot.adjusted(0, -kTitleHeight, 0, 0));
    // Markers: incidents shaded over their window, annotations as dashed lines; labels staggered
    // on three rows so neighbours stay readable.
    double rowEnd[3] = {-1e9, -1e9, -1e9};
    for (const ChartMarker& m : m_markers) {
        const double a = pixelAtX(m.x0);
        const double b = std::max(pixelAtX(m.x1), a + 2);
        if (b < plot.left() || a > plot.right())
            continue;
        const QColor color = m.kind == ChartMarker::Kind::Incident ? m_colors.incident : m_colors.annotation;
        if (m.kind == ChartMarker::Kind::Incident) {
            QColor fill = color;
            fill.setAlpha(m.highlighted ? 90 : 45);
            painter->fillRect(QRectF(QPointF(a, plot.top()), QPointF(b, plot.bottom())), fill);
            painter->setPen(QPen(color, m.highlighted ? 2 : 1.2));
        } else {
            // An annotation over a window (a backfill, an outage) shades it lightly.
            if (m.x1 > m.x0) {
                QColor fill = color;
                fill.setAlpha(30);
                painter->fillRect(QRectF(QPointF(a, plot.top()), QPointF(b, plot.bottom())), fill);
            }
            painter->setPen(QPen(color, 1.4, Qt::DashLine));
        }
        painter->drawLine(QPointF(a, plot.top()), QPointF(a, plot.bottom()));
        if (m.label.isEmpty())
            continue;
        const QString text = fm.elidedText(m.label, Qt::ElideRight, 170);
        const double w = fm.horizontalAdvance(text) + 6;
        int row = 0;
        for (int r = 1; r < 3; ++r) {
            if (rowEnd[row] >= a && rowEnd[r] < rowEnd[row])
                row = r;
        }
        rowEnd[row] = a + w;
        const QRectF box(a + 2, plot.top() + 2 + row * (fm.height() + 3), w, fm.height() + 1);
        QColor back = m_colors.background;
        back.setAlpha(210);
        painter->fillRect(box, back);
        painter->setPen(color);
        painter->drawText(box.adjusted(3, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    }

    if (!m_labels.isEmpty()) {
        painter->setPen(m_colors.text);
        const double yMin = m_axisY->min();
        const double yMax = m_axisY->max();
        for (const PointLabel& l : m_labels) {
            const double px = pixelAtX(l.x);
            if (px < plot.left() - 1 || px > plot.right() + 1 || yMax <= yMin)
                continue;
            const double py = plot.bottom() - (l.y / m_scale - yMin) / (yMax - yMin) * plot.height();
            const double w = fm.horizontalAdvance(l.text);
            const double x = std::clamp(px - w / 2, plot.left(), plot.right() - w);
            painter->drawText(QPointF(x, std::max(plot.top() + fm.ascent(), py - 8)), l.text);
        }
    }

    drawAxisLabels(painter, plot, fm);

    if (std::isfinite(m_crosshair)) {
        const double px = pixelAtX(m_crosshair);
        if (px >= plot.left() && px <= plot.right()) {
            painter->setPen(QPen(m_colors.crosshair, 1, Qt::DotLine));
            painter->drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        }
    }
    if (m_dragging) {
        QColor fill = m_colors.primary;
        fill.setAlpha(60);
        const double a = std::min(m_pressPos.x(), m_dragPos.x());
        const double b = std::max(m_pressPos.x(), m_dragPos.x());
        painter->fillRect(QRectF(QPointF(a, plot.top()), QPointF(b, plot.bottom())), fill);
    }
    painter->restore();
}

} // namespace sightline::ui
