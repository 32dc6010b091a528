#include "chartpanel.h"

#include "charts/lttb.h"

#include <QAreaSeries>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>
#include <limits>
#include <tuple>

namespace sightline::ui {

namespace {

// Fixed margins around the plot so that every panel of a page puts its time axis at the same
// pixels (QtCharts would otherwise size the left margin to each chart's own value labels).
constexpr double kLeft = 68;
constexpr double kRight = 14;
constexpr double kBottomWithLabels = 26;
constexpr double kBottom = 6;
constexpr int kDragThreshold = 5;
constexpr double kDayMs = 24.0 * 3600 * 1000;
// Series longer than this keep a min/max level of detail; a window holding more than
// kCoarseFactor raw points per pixel is downsampled from that level instead of the raw points.
constexpr qsizetype kCoarseFrom = 100'000;
constexpr qsizetype kCoarseBucket = 32;
constexpr qsizetype kCoarseFactor = 32;

QList<QPointF> stems(const QList<QPointF>& points)
{
    QList<QPointF> out;
    out.reserve(points.size() * 3);
    for (const QPointF& p : points) {
        out.append(QPointF(p.x(), 0));
        out.append(p);
        out.append(QPointF(p.x(), 0));
    }
    return out;
}

QList<QPointF> steps(const QList<QPointF>& points, double end)
{
    QList<QPointF> out;
    out.reserve(points.size() * 2 + 1);
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (i > 0)
            out.append(QPointF(points[i].x(), points[i - 1].y()));
        out.append(points[i]);
    }
    if (!points.isEmpty() && points.last().x() < end)
        out.append(QPointF(end, points.last().y()));
    return out;
}

double scaleFor(double maxAbs)
{
    if (maxAbs >= 1e9)
        return 1e9;
    if (maxAbs >= 1e6)
        return 1e6;
    if (maxAbs >= 1e4)
        return 1e3;
    return 1;
}

} // namespace

ChartPanel::ChartPanel(const QString& title, QWidget* parent)
    : QChartView(new QChart, parent)
    , m_title(title)
    , m_axisX(new QDateTimeAxis(this))
    , m_axisY(new QValueAxis(this))
    , m_bandUpper(new QLineSeries(this))
    , m_bandLower(new QLineSeries(this))
    , m_bandArea(new QAreaSeries(m_bandUpper, m_bandLower))
    , m_crosshair(std::numeric_limits<double>::quiet_NaN())
{
    QChart* c = chart();
    c->legend()->hide();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setBackgroundRoundness(0);
    c->setMargins(QMargins());
    c->layout()->setContentsMargins(0, 0, 0, 0);
    // The axes draw grid lines only; their labels are painted in drawForeground(): QtCharts lays
    // each label out as rich text on every range change, which cost most of a pan frame.
    m_axisX->setLabelsVisible(false);
    m_axisY->setLabelsVisible(false);
    m_axisY->setTickType(QValueAxis::TicksDynamic);
    m_axisY->setTickAnchor(0);
    c->addAxis(m_axisX, Qt::AlignBottom);
    c->addAxis(m_axisY, Qt::AlignLeft);
    c->addSeries(m_bandArea);
    m_bandArea->attachAxis(m_axisX);
    m_bandArea->attachAxis(m_axisY);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    setMinimumHeight(110);
    applyColors();
}

int ChartPanel::addSeries(Style style, Tone tone)
{
    Series s;
    s.style = style;
    s.tone = tone;
    if (style == Style::Points) {
        auto* scatter = new QScatterSeries;
        scatter->setMarkerSize(8);
        s.series = scatter;
    } else {
        s.series = new QLineSeries;
    }
    chart()->addSeries(s.series);
    s.series->attachAxis(m_axisX);
    s.series->attachAxis(m_axisY);
    m_series.append(s);
    applyColors();
    return int(m_series.size()) - 1;
}

void ChartPanel::setSeriesData(int index, QList<QPointF> points)
{
    Series& s = m_series[index];
    s.raw = std::move(points);
    s.coarse = s.raw.size() > kCoarseFrom ? minMaxDecimate(s.raw, kCoarseBucket) : QList<QPointF>();
}

void ChartPanel::setBand(QList<BandSample> band)
{
    m_band = std::move(band);
}

void ChartPanel::setMarkers(QList<ChartMarker> markers)
{
    m_markers = std::move(markers);
    viewport()->update();
}

void ChartPanel::setPointLabels(QList<PointLabel> labels)
{
    m_labels = std::move(labels);
}

void ChartPanel::setTimeLabelsVisible(bool visible)
{
    m_timeLabels = visible;
    layoutPlot();
}

void ChartPanel::setEmptyText(const QString& text)
{
    m_emptyText = text;
}

QRectF ChartPanel::plotRect() const
{
    return chart()->plotArea();
}

double ChartPanel::xAtPixel(double px) const
{
    const QRectF plot = plotRect();
    if (plot.width() <= 0)
        return m_x0;
    return m_x0 + (px - plot.left()) / plot.width() * (m_x1 - m_x0);
}

double ChartPanel::pixelAtX(double x) const
{
    const QRectF plot = plotRect();
    return plot.left() + (x - m_x0) / (m_x1 - m_x0) * plot.width();
}

qsizetype ChartPanel::drawnPointCount(int index) const
{
    return m_series[index].drawn;
}

void ChartPanel::setWindow(double x0, double x1)
{
    m_x0 = x0;
    m_x1 = x1 > x0 ? x1 : x0 + 1;
    refresh();
}

void ChartPanel::setCrosshair(double x)
{
    m_crosshair = x;
    viewport()->update();
}

void ChartPanel::layoutPlot()
{
    const double bottom = m_timeLabels ? kBottomWithLabels : kBottom;
    const QRectF plot(kLeft, kTitleHeight, std::max(10.0, width() - kLeft - kRight),
                      std::max(10.0, height() - kTitleHeight - bottom));
    chart()->setPlotArea(plot);
}

void ChartPanel::refresh()
{
    const int pixels = std::max(16, int(plotRect().width()));
    const double span = m_x1 - m_x0;
    // Every axis property change relayouts the chart: set only what differs.
    const QString format = span > 3 * kDayMs ? QStringLiteral("MMM d") : QStringLiteral("MMM d hh:mm");
    if (m_axisX->format() != format)
        m_axisX->setFormat(format);
    const int xTicks = std::clamp(pixels / 110, 2, 10);
    if (m_axisX->tickCount() != xTicks)
        m_axisX->setTickCount(xTicks);
    m_axisX->setRange(QDateTime::fromMSecsSinceEpoch(qint64(m_x0), Qt::UTC),
                      QDateTime::fromMSecsSinceEpoch(qint64(m_x1), Qt::UTC));

    // Downsample what is visible, then scale the values into readable axis units.
    QList<QList<QPointF>> sampled;
    sampled.reserve(m_series.size());
    double maxAbs = 0;
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    auto account = [&](double x, double y) {
        if (x < m_x0 || x > m_x1)
            return;
        low = std::min(low, y);
        high = std::max(high, y);
        maxAbs = std::max(maxAbs, std::abs(y));
    };
    for (const Series& s : m_series) {
        auto [first, last] = visibleRange(s.raw, m_x0, m_x1);
        const QList<QPointF>* source = &s.raw;
        if (!s.coarse.isEmpty() && last - first > kCoarseFactor * pixels) {
            source = &s.coarse;
            std::tie(first, last) = visibleRange(s.coarse, m_x0, m_x1);
        }
        const qsizetype count = last - first;
        QList<QPointF> points =
            count > pixels ? lttb(source->constData() + first, count, pixels) : source->mid(first, count);
        for (const QPointF& p : points) {
            // A step's value before the window is still in force inside it.
            if (s.style == Style::Steps)
                account(std::clamp(p.x(), m_x0, m_x1), p.y());
            else
                account(p.x(), p.y());
        }
        sampled.append(std::move(points));
    }
    const QList<BandSample> band = bandEnvelope(m_band, m_x0, m_x1, pixels / 2);
    for (const BandSample& b : band) {
        account(b.x, b.low);
        account(b.x, b.high);
    }
    m_scale = scaleFor(maxAbs);
    // Zoomed in on a large value, a coarse unit would need many decimals ("47.46012"): step down.
    const double tickSpan = (high - low) / std::clamp(int(plotRect().height() / 36), 3, 6);
    while (m_scale > 1 && high > low && tickSpan / m_scale < 0.05)
        m_scale /= 1000;

    for (qsizetype i = 0; i < m_series.size(); ++i) {
        QList<QPointF>& points = sampled[i];
        if (m_series[i].style == Style::Stems)
            points = stems(points);
        else if (m_series[i].style == Style::Steps)
            points = steps(points, m_x1);
        if (m_scale != 1) {
            for (QPointF& p : points)
                p.setY(p.y() / m_scale);
        }
        m_series[i].drawn = points.size();
        m_series[i].series->replace(points);
    }
    QList<QPointF> upper;
    QList<QPointF> lower;
    upper.reserve(band.size());
    lower.reserve(band.size());
    for (const BandSample& b : band) {
        upper.append(QPointF(b.x, b.high / m_scale));
        lower.append(QPointF(b.x, b.low / m_scale));
    }
    m_bandUpper->replace(upper);
    m_bandLower->replace(lower);
    m_bandArea->setVisible(!band.isEmpty());

    if (low > high) {
        low = 0;
        high = 1;
    } else {
        low /= m_scale;
        high /= m_scale;
    }
    fitValueAxis(low, high);
    viewport()->update();
}

void ChartPanel::fitValueAxis(double low, double high)
{
    if (m_includeZero) {
        low = std::min(low, 0.0);
        high = std::max(high, 0.0);
    }
    double pad = (high - low) * 0.08;
    if (pad <= 0)
        pad = std::max(1.0, std::abs(high) * 0.05);
    low = (m_includeZero && low >= 0) ? 0 : low - pad;
    high += pad + (high - low) * m_headroom;
    // Ticks at round multiples (1, 2, 2.5 or 5 times a power of ten) of a step giving about one
    // label per 36 px; the decimals follow the step.
    const int wanted = std::clamp(int(plotRect().height() / 36), 3, 6);
    // One more division than wanted labels, so a symmetric range still gets a tick either side of 0.
    const double raw = (high - low) / (wanted + 1);
    int exponent = int(std::floor(std::log10(raw)));
    double multiple = 10;
    for (double m : {1.0, 2.0, 2.5, 5.0}) {
        if (m == 2.5 && m_integers)
            continue; // no "2.5 columns"
        if (m * std::pow(10.0, exponent) >= raw) {
            multiple = m;
            break;
        }
    }
    if (multiple == 10) {
        multiple = 1;
        ++exponent;
    }
    if (m_integers && exponent < 0) {
        multiple = 1;
        exponent = 0;
    }
    const double step = multiple * std::pow(10.0, exponent);
    const int decimals = std::clamp(-exponent + (multiple == 2.5 ? 1 : 0), 0, 6);
    const QString labelFormat = QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f");
    if (m_axisY->tickInterval() != step)
        m_axisY->setTickInterval(step);
    if (m_axisY->labelFormat() != labelFormat)
        m_axisY->setLabelFormat(labelFormat);
    if (m_axisY->min() != low || m_axisY->max() != high)
        m_axisY->setRange(low, high);
}

void ChartPanel::applyColors()
{
    m_colors = chartColors(palette());
    QChart* c = chart();
    c->setBackgroundBrush(m_colors.background);
    c->setBackgroundPen(Qt::NoPen);
    setBackgroundBrush(m_colors.background);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_axisX), static_cast<QAbstractAxis*>(m_axisY)}) {
        axis->setLinePenColor(m_colors.grid);
        axis->setGridLineColor(m_colors.grid);
    }
    m_bandArea->setBrush(m_colors.band);
    m_bandArea->setPen(Qt::NoPen);
    for (const Series& s : m_series) {
        const QColor color = s.tone == Tone::Alert ? m_colors.incident
            : s.tone == Tone::Secondary            ? m_colors.secondary
                                                   : m_colors.primary;
        if (s.style == Style::Points) {
            auto* scatter = static_cast<QScatterSeries*>(s.series);
            scatter->setColor(color);
            scatter->setBorderColor(m_colors.background);
        } else {
            s.series->setPen(QPen(color, s.style == Style::Stems ? 1.2 : 1.6));
        }
    }
}

void ChartPanel::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    layoutPlot();
    refresh();
}

void ChartPanel::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressed = true;
    m_dragging = false;
    m_pressPos = event->position().toPoint();
    m_dragPos = m_pressPos;
    event->accept();
}

void ChartPanel::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (m_pressed && std::abs(pos.x() - m_pressPos.x()) > kDragThreshold)
        m_dragging = true;
    if (m_dragging) {
        m_dragPos = pos;
        viewport()->update();
    }
    const QRectF plot = plotRect();
    if (plot.contains(pos))
        Q_EMIT hovered(xAtPixel(pos.x()), event->globalPosition().toPoint());
    else if (!m_dragging)
        Q_EMIT hoverLeft();
    event->accept();
}

void ChartPanel::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_pressed)
        return;
    m_pressed = false;
    const QRectF plot = plotRect();
    if (m_dragging) {
        m_dragging = false;
        viewport()->update();
        const double a = std::clamp(double(std::min(m_pressPos.x(), m_dragPos.x())), plot.left(), plot.right());
        const double b = std::clamp(double(std::max(m_pressPos.x(), m_dragPos.x())), plot.left(), plot.right());
        if (b - a > kDragThreshold)
            Q_EMIT zoomRequested(xAtPixel(a), xAtPixel(b));
    } else if (plot.contains(event->position())) {
        Q_EMIT clicked(xAtPixel(event->position().x()));
    }
    event->accept();
}

void ChartPanel::mouseDoubleClickEvent(QMouseEvent* event)
{
    // A double click is two clicks to us (each may annotate); nothing else to do.
    event->accept();
}

void ChartPanel::contextMenuEvent(QContextMenuEvent* event)
{
    if (plotRect().contains(event->pos()))
        Q_EMIT contextMenuRequested(xAtPixel(event->pos().x()), event->globalPos());
    event->accept();
}

void ChartPanel::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    const double span = m_x1 - m_x0;
    if (delta.x() != 0 || (event->modifiers() & Qt::ShiftModifier)) {
        const int steps = delta.x() != 0 ? delta.x() : delta.y();
        Q_EMIT panRequested(-steps / 120.0 * span * 0.1);
    } else if (delta.y() != 0) {
        const double factor = std::pow(0.85, delta.y() / 120.0);
        const double anchor = xAtPixel(event->position().x());
        Q_EMIT zoomRequested(anchor - (anchor - m_x0) * factor, anchor + (m_x1 - anchor) * factor);
    }
    event->accept();
}

void ChartPanel::leaveEvent(QEvent* event)
{
    Q_EMIT hoverLeft();
    QChartView::leaveEvent(event);
}

void ChartPanel::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyColors();
        refresh();
    }
}

} // namespace sightline::ui
