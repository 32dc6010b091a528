#pragma once

#include "charts/chartstyle.h"
#include "charts/seriesmath.h"

#include <QChartView>
#include <QList>
#include <QPointF>
#include <QString>

class QAreaSeries;
class QFontMetricsF;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QXYSeries;

namespace sightline::ui {

// A vertical marker across a chart: an incident's window (shaded) or an annotation (a line).
struct ChartMarker
{
    enum class Kind
    {
        Incident,
        Annotation,
    };
    Kind kind = Kind::Incident;
    double x0 = 0;
    double x1 = 0; // == x0 for a point in time
    QString label;
    bool highlighted = false;
};

// A text drawn above a point of the chart (the schema timeline's "+2 −1").
struct PointLabel
{
    double x = 0;
    double y = 0;
    QString text;
};

// One chart of the history page: a time axis shared with the other panels (the page sets the
// window), a value axis fitted to what is visible, series kept raw and downsampled with LTTB to
// the plot's pixel width on every window change, an expected band, markers, a crosshair and
// drag-to-zoom. It never reads the workspace.
class ChartPanel : public QChartView
{
    Q_OBJECT
public:
    enum class Style
    {
        Line,
        Stems, // a vertical stick from 0 per point (per-update change)
        Steps, // the value holds until the next point (column count)
        Points,
    };

    ChartPanel(const QString& title, QWidget* parent = nullptr);

    enum class Tone
    {
        Primary,
        Secondary,
        Alert, // anomalies: the incident colour
    };

    // Adds a series drawn in `style`; returns its index for setSeriesData().
    int addSeries(Style style, Tone tone = Tone::Primary);
    void setSeriesData(int index, QList<QPointF> points);
    const QList<QPointF>& seriesData(int index) const
    {
        return m_series[index].raw;
    }
    void setBand(QList<BandSample> band);
    void setMarkers(QList<ChartMarker> markers);
    void setPointLabels(QList<PointLabel> labels);
    void setIncludeZero(bool include)
    {
        m_includeZero = include;
    }
    // Extra space above the highest value, as a share of the range (room for point labels).
    void setHeadroom(double fraction)
    {
        m_headroom = fraction;
    }
    // Values are counts: ticks at whole numbers only.
    void setIntegerValues(bool integers)
    {
        m_integers = integers;
    }
    void setUnit(const QString& unit)
    {
        m_unit = unit;
    }
    void setTimeLabelsVisible(bool visible);
    void setEmptyText(const QString& text);

    // The shared time window (ms since the epoch): downsamples every series to the plot width.
    void setWindow(double x0, double x1);
    double windowStart() const
    {
        return m_x0;
    }
    double windowEnd() const
    {
        return m_x1;
    }
    void setCrosshair(double x); // NaN: none
    // Plot area in widget coordinates; x <-> pixel inside it.
    QRectF plotRect() const;
    double xAtPixel(double px) const;
    double pixelAtX(double x) const;
    // Points currently handed to the chart for series `index` (after downsampling).
    qsizetype drawnPointCount(int index) const;
    double scale() const
    {
        return m_scale;
    }

Q_SIGNALS:
    void hovered(double x, const QPoint& globalPos);
    void hoverLeft();
    void zoomRequested(double x0, double x1);
    void panRequested(double dx);
    void clicked(double x);
    void contextMenuRequested(double x, const QPoint& globalPos);
    void resetRequested();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    // Room above the plot for the title, the same in every panel (see layoutPlot()).
    static constexpr double kTitleHeight = 22;
    struct Series
    {
        Style style = Style::Line;
        Tone tone = Tone::Primary;
        QList<QPointF> raw;
        QList<QPointF> coarse; // minMaxDecimate(raw) for long series, else empty
        QXYSeries* series = nullptr;
        qsizetype drawn = 0;
    };
    void applyColors();
    void layoutPlot();
    void refresh();
    void fitValueAxis(double low, double high);
    void drawAxisLabels(QPainter* painter, const QRectF& plot, const QFontMetricsF& fm) const;

    QString m_title;
    QString m_unit;
    QString m_emptyText;
    ChartColors m_colors;
    QDateTimeAxis* m_axisX;
    QValueAxis* m_axisY;
    QList<Series> m_series;
    QList<BandSample> m_band;
    QLineSeries* m_bandUpper;
    QLineSeries* m_bandLower;
    QAreaSeries* m_bandArea;
    QList<ChartMarker> m_markers;
    QList<PointLabel> m_labels;
    bool m_includeZero = false;
    bool m_timeLabels = true;
    double m_x0 = 0;
    double m_x1 = 1;
    double m_scale = 1;
    double m_headroom = 0;
    bool m_integers = false;
    double m_crosshair;
    bool m_pressed = false;
    bool m_dragging = false;
    QPoint m_pressPos;
    QPoint m_dragPos;
};

} // namespace sightline::ui
