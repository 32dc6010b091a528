#include "assethistoryview.h"

#include "charts/chartpanel.h"
#include "store/workspace.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <exception>

namespace sightline::ui {

namespace {

constexpr double kHourMs = 3600.0 * 1000.0;
constexpr double kDayMs = 24 * kHourMs;
constexpr double kMinSpanMs = 10 * 60 * 1000.0;
constexpr double kSnapPixels = 12;

struct Loaded
{
    std::shared_ptr<const AssetHistory> history;
};

// Deterministic number text (tooltips are compared in tests and pasted into tickets).
QString number(double value, int decimals = 0)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(value, 'f', decimals);
}

QString signedNumber(double value)
{
    return (value > 0 ? QStringLiteral("+") : QString()) + number(value);
}

QString timeText(double x)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(x)), Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd hh:mm 'UTC'"));
}

// Index of the last point at or before x; -1 when none.
qsizetype lastAtOrBefore(const QList<QPointF>& points, double x)
{
    const auto it =
        std::upper_bound(points.begin(), points.end(), x, [](double v, const QPointF& p) { return v < p.x(); });
    return (it - points.begin()) - 1;
}

QString bandText(const QList<BandSample>& band, double x, double scale, int decimals, const QString& unit)
{
    const qsizetype i = bandIndexAt(band, x);
    if (i < 0)
        return QObject::tr("not learned yet");
    return number(band[i].low / scale, decimals) + QStringLiteral(" – ") + number(band[i].high / scale, decimals)
        + unit;
}

} // namespace

AssetHistoryView::AssetHistoryView(QWidget* parent)
    : QWidget(parent)
    , m_loadJob(this)
    , m_writeJob(this)
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_ranges(new QButtonGroup(this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    // The asset's name keeps its room; a long status gives way.
    m_title->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_title);
    bar->addSpacing(12);
    const QList<QPair<Range, QString>> ranges {
        {Range::Week, QStringLiteral("7d")},
        {Range::Month, QStringLiteral("30d")},
        {Range::Quarter, QStringLiteral("90d")},
        {Range::All, tr("All")},
    };
    for (const auto& [range, label] : ranges) {
        auto* button = new QToolButton(this);
        button->setText(label);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setObjectName(QStringLiteral("range") + label);
        button->setToolTip(tr("Show the last %1 before the workspace's data time").arg(label));
        m_ranges->addButton(button, int(range));
        bar->addWidget(button);
    }
    m_ranges->button(int(Range::All))->setToolTip(tr("Show the whole history"));
    connect(m_ranges, &QButtonGroup::idClicked, this, [this](int id) { setRange(Range(id)); });
    bar->addSpacing(12);
    bar->addWidget(m_status, 1);

    auto* rows = new ChartPanel(tr("Volume: rows"), this);
    m_rowsSeries = rows->addSeries(ChartPanel::Style::Line);
    m_anomalySeries = rows->addSeries(ChartPanel::Style::Points, ChartPanel::Tone::Alert);
    rows->setEmptyText(tr("No row counts recorded for this asset."));
    auto* changes = new ChartPanel(tr("Volume: change per update"), this);
    m_changeSeries = changes->addSeries(ChartPanel::Style::Stems, ChartPanel::Tone::Secondary);
    changes->setIncludeZero(true);
    auto* freshness = new ChartPanel(tr("Freshness: hours since last update"), this);
    m_stalenessSeries = freshness->addSeries(ChartPanel::Style::Line);
    m_updateSeries = freshness->addSeries(ChartPanel::Style::Points, ChartPanel::Tone::Secondary);
    freshness->setIncludeZero(true);
    freshness->setEmptyText(tr("No last-modified times recorded for this asset."));
    auto* schema = new ChartPanel(tr("Schema: columns per version"), this);
    m_columnsSeries = schema->addSeries(ChartPanel::Style::Steps);
    m_versionSeries = schema->addSeries(ChartPanel::Style::Points, ChartPanel::Tone::Secondary);
    schema->setIncludeZero(true);
    schema->setHeadroom(0.25);
    schema->setIntegerValues(true);
    schema->setEmptyText(tr("No schema versions recorded for this asset."));
    m_panels = {rows, changes, freshness, schema};

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(0);
    layout->addLayout(bar);
    const int stretch[] = {3, 2, 3, 2};
    for (qsizetype i = 0; i < m_panels.size(); ++i) {
        ChartPanel* p = m_panels[i];
        p->setTimeLabelsVisible(i == m_panels.size() - 1);
        layout->addWidget(p, stretch[i]);
        connect(p, &ChartPanel::hovered, this, [this, p](double x, const QPoint& pos) { hover(p, x, pos); });
        connect(p, &ChartPanel::hoverLeft, this, [this] {
            for (ChartPanel* panel : std::as_const(m_panels))
                panel->setCrosshair(std::nan(""));
            QToolTip::hideText();
        });
        connect(p, &ChartPanel::zoomRequested, this, [this](double a, double b) { setWindow(a, b); });
        connect(p, &ChartPanel::panRequested, this, [this](double dx) { setWindow(m_x0 + dx, m_x1 + dx); });
        connect(p, &ChartPanel::clicked, this, &AssetHistoryView::askAnnotation);
        connect(p, &ChartPanel::contextMenuRequested, this, &AssetHistoryView::showContextMenu);
    }
    clear();
}

AssetHistoryView::~AssetHistoryView() = default;

ChartPanel* AssetHistoryView::panel(Panel which) const
{
    return m_panels[int(which)];
}

void AssetHistoryView::setWorkspace(const QString& path)
{
    m_path = path;
    if (!m_key.isEmpty())
        load();
}

void AssetHistoryView::showAsset(const QString& key)
{
    if (key != m_key)
        m_focusIncident = 0;
    m_key = key;
    m_title->setText(key);
    load();
}

void AssetHistoryView::showIncident(const QString& assetKey, qint64 incidentId)
{
    showAsset(assetKey);
    m_focusIncident = incidentId;
}

void AssetHistoryView::clear()
{
    m_loadJob.discard();
    m_key.clear();
    m_title->setText(tr("No asset selected"));
    setHistory(std::make_shared<AssetHistory>());
}

void AssetHistoryView::setStatus(const QString& text)
{
    m_status->setText(text);
}

void AssetHistoryView::load()
{
    if (m_path.isEmpty() || m_key.isEmpty())
        return;
    setStatus(tr("Loading…"));
    m_loadJob.start(
        [path = m_path, key = m_key](const JobTracker::CancelPredicate& cancelled) {
            auto history = std::make_shared<AssetHistory>();
            try {
                auto workspace = Workspace::open(path, Workspace::OpenMode::ReadOnly);
                *history = loadAssetHistory(*workspace, key, cancelled);
            } catch (const std::exception& e) {
                history->assetKey = key;
                history->error = QString::fromUtf8(e.what());
            }
            return Loaded {std::move(history)};
        },
        [this](Loaded loaded) {
            const bool sameAsset = m_history && m_history->assetKey == loaded.history->assetKey;
            m_history = std::move(loaded.history);
            applyHistory();
            // A reload of the same asset keeps the window the user chose.
            if (m_focusIncident != 0)
                applyFocus();
            else if (!sameAsset || m_ranges->checkedId() >= 0)
                setRange(m_ranges->checkedId() >= 0 ? Range(m_ranges->checkedId()) : Range::Month);
            else
                applyWindow();
            Q_EMIT historyLoaded();
        });
}

void AssetHistoryView::setHistory(std::shared_ptr<const AssetHistory> history)
{
    m_history = std::move(history);
    if (!m_history->assetKey.isEmpty()) {
        m_key = m_history->assetKey;
        m_title->setText(m_key);
    }
    applyHistory();
    setRange(m_ranges->checkedId() >= 0 ? Range(m_ranges->checkedId()) : Range::Month);
}

void AssetHistoryView::applyHistory()
{
    const AssetHistory& h = *m_history;
    ChartPanel* rows = panel(Panel::Rows);
    rows->setSeriesData(m_rowsSeries, h.rows);
    rows->setBand(h.rowBand);
    // An anomaly is marked on the row count the capture at the end of its window showed.
    QList<QPointF> anomalies;
    for (const Incident& incident : h.incidents) {
        if (incident.kind != IncidentKind::Volume || h.rows.isEmpty())
            continue;
        const double end = double(toStoredTime(incident.windowEnd));
        const auto it =
            std::lower_bound(h.rows.begin(), h.rows.end(), end, [](const QPointF& p, double v) { return p.x() < v; });
        anomalies.append(it == h.rows.end() ? h.rows.last() : *it);
    }
    std::sort(anomalies.begin(), anomalies.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    rows->setSeriesData(m_anomalySeries, anomalies);
    panel(Panel::Changes)->setSeriesData(m_changeSeries, h.rowChanges);

    ChartPanel* freshness = panel(Panel::Freshness);
    freshness->setSeriesData(m_stalenessSeries, h.staleness);
    QList<QPointF> events;
    events.reserve(h.updates.size());
    for (const QPointF& u : h.updates)
        events.append(QPointF(u.x(), 0));
    freshness->setSeriesData(m_updateSeries, events);
    freshness->setBand(h.freshnessBand);

    QList<QPointF> columns;
    QList<PointLabel> labels;
    for (const SchemaChange& v : h.schema) {
        const double x = double(toStoredTime(v.at));
        columns.append(QPointF(x, v.columnCount));
        QStringList parts;
        if (v.version == 1)
            parts.append(tr("v1"));
        if (!v.added.isEmpty())
            parts.append(QStringLiteral("+") + QString::number(v.added.size()));
        if (!v.removed.isEmpty())
            parts.append(QStringLiteral("−") + QString::number(v.removed.size()));
        if (!v.retyped.isEmpty())
            parts.append(QStringLiteral("~") + QString::number(v.retyped.size()));
        if (!v.moved.isEmpty())
            parts.append(QStringLiteral("↕") + QString::number(v.moved.size()));
        if (!parts.isEmpty())
            labels.append(PointLabel {x, double(v.columnCount), parts.join(QLatin1Char(' '))});
    }
    ChartPanel* schema = panel(Panel::Schema);
    schema->setSeriesData(m_columnsSeries, columns);
    schema->setSeriesData(m_versionSeries, columns);
    schema->setPointLabels(labels);
    updateMarkers();

    if (!h.error.isEmpty())
        setStatus(h.error);
    else if (!h.rows.isEmpty() && h.rowBand.isEmpty())
        setStatus(tr("Expected band: not learned yet (too little history)."));
    else
        setStatus(QString());
}

void AssetHistoryView::updateMarkers()
{
    QList<ChartMarker> markers;
    for (const Incident& incident : m_history->incidents) {
        ChartMarker m;
        m.kind = ChartMarker::Kind::Incident;
        m.x0 = double(toStoredTime(incident.windowStart));
        m.x1 = std::max(m.x0, double(toStoredTime(incident.windowEnd)));
        m.label = severityName(incident.severity) + QLatin1Char(' ') + incidentKindName(incident.kind);
        m.highlighted = incident.id == m_focusIncident;
        markers.append(m);
    }
    for (const Annotation& a : m_history->annotations) {
        ChartMarker m;
        m.kind = ChartMarker::Kind::Annotation;
        m.x0 = double(toStoredTime(a.at));
        m.x1 = a.until.isValid() ? double(toStoredTime(a.until)) : m.x0;
        m.label = a.text;
        markers.append(m);
    }
    std::sort(markers.begin(), markers.end(), [](const ChartMarker& a, const ChartMarker& b) { return a.x0 < b.x0; });
    // Labels on the top chart only; the others repeat the lines.
    QList<ChartMarker> unlabelled = markers;
    for (ChartMarker& m : unlabelled)
        m.label.clear();
    for (qsizetype i = 0; i < m_panels.size(); ++i)
        m_panels[i]->setMarkers(i == 0 ? markers : unlabelled);
}

void AssetHistoryView::setRange(Range range)
{
    if (QAbstractButton* button = m_ranges->button(int(range)))
        button->setChecked(true);
    const AssetHistory& h = *m_history;
    double end = h.lastX();
    if (h.dataTime.isValid())
        end = double(toStoredTime(h.dataTime));
    double start = 0;
    switch (range) {
    case Range::Week:
        start = end - 7 * kDayMs;
        break;
    case Range::Month:
        start = end - 30 * kDayMs;
        break;
    case Range::Quarter:
        start = end - 90 * kDayMs;
        break;
    case Range::All: {
        start = h.firstX();
        const double pad = std::max(kHourMs, (end - start) * 0.02);
        start -= pad;
        end += pad;
        break;
    }
    }
    if (end <= 0) {
        // Nothing loaded: any sane window.
        end = 1;
        start = 0;
    }
    m_x0 = start;
    m_x1 = std::max(end, start + kMinSpanMs);
    applyWindow();
}

void AssetHistoryView::setWindow(double x0, double x1)
{
    if (x1 - x0 < kMinSpanMs) {
        const double mid = (x0 + x1) / 2;
        x0 = mid - kMinSpanMs / 2;
        x1 = mid + kMinSpanMs / 2;
    }
    // A window chosen by hand is none of the preset ranges.
    m_ranges->setExclusive(false);
    if (QAbstractButton* checked = m_ranges->checkedButton())
        checked->setChecked(false);
    m_ranges->setExclusive(true);
    m_x0 = x0;
    m_x1 = x1;
    applyWindow();
}

void AssetHistoryView::applyWindow()
{
    for (ChartPanel* p : std::as_const(m_panels))
        p->setWindow(m_x0, m_x1);
}

void AssetHistoryView::applyFocus()
{
    for (const Incident& incident : m_history->incidents) {
        if (incident.id != m_focusIncident)
            continue;
        const double a = double(toStoredTime(incident.windowStart));
        const double b = std::max(a, double(toStoredTime(incident.windowEnd)));
        const double pad = std::max(3 * kDayMs, (b - a) * 2);
        updateMarkers();
        setWindow(a - pad, b + pad);
        return;
    }
    setRange(Range::Month);
}

void AssetHistoryView::hover(ChartPanel* source, double x, const QPoint& globalPos)
{
    // Snap to the nearest point of the hovered chart when it is close, so the text names a capture.
    const QList<QPointF>& points = source->seriesData(0);
    const qsizetype i = nearestIndex(points, x);
    if (i >= 0 && std::abs(source->pixelAtX(points[i].x()) - source->pixelAtX(x)) <= kSnapPixels)
        x = points[i].x();
    for (ChartPanel* p : std::as_const(m_panels))
        p->setCrosshair(x);
    m_lastTooltip = tooltipText(x);
    QToolTip::showText(globalPos, m_lastTooltip, source);
}

QString AssetHistoryView::tooltipText(double x) const
{
    const AssetHistory& h = *m_history;
    QStringList lines;
    lines.append(timeText(x));

    const qsizetype r = lastAtOrBefore(h.rows, x);
    if (r >= 0) {
        QString line = tr("Rows: %1").arg(number(h.rows[r].y()));
        const qsizetype c = lastAtOrBefore(h.rowChanges, x);
        if (c >= 0 && h.rowChanges[c].x() == h.rows[r].x())
            line += tr(" (change %1)").arg(signedNumber(h.rowChanges[c].y()));
        if (h.rows[r].x() != x)
            line += tr(" as of %1").arg(timeText(h.rows[r].x()));
        lines.append(line);
        lines.append(tr("Expected rows: %1").arg(bandText(h.rowBand, x, 1, 0, QString())));
    }

    const qsizetype u = lastAtOrBefore(h.updates, x);
    if (u >= 0) {
        const double hours = (x - h.updates[u].x()) / kHourMs;
        lines.append(tr("Since last update: %1 h (updated %2)").arg(number(hours, 1), timeText(h.updates[u].x())));
        lines.append(
            tr("Expected next update within: %1").arg(bandText(h.freshnessBand, x, 1, 1, QStringLiteral(" h"))));
    }

    const auto version = std::find_if(h.schema.rbegin(), h.schema.rend(),
                                      [x](const SchemaChange& v) { return double(toStoredTime(v.at)) <= x; });
    if (version != h.schema.rend()) {
        QString line = tr("Schema: v%1, %2 columns").arg(version->version).arg(version->columnCount);
        if (double(toStoredTime(version->at)) == x) {
            if (!version->added.isEmpty())
                line += tr("; added %1").arg(version->added.join(QStringLiteral(", ")));
            if (!version->removed.isEmpty())
                line += tr("; removed %1").arg(version->removed.join(QStringLiteral(", ")));
            if (!version->retyped.isEmpty())
                line += tr("; retyped %1").arg(version->retyped.join(QStringLiteral(", ")));
        }
        lines.append(line);
    }

    // Incidents whose window covers x, annotations at x (to the nearest snapped pixel).
    const double tolerance = pixelTolerance();
    for (const Incident& incident : h.incidents) {
        const double a = double(toStoredTime(incident.windowStart));
        const double b = double(toStoredTime(incident.windowEnd));
        if (x >= a - tolerance && x <= b + tolerance)
            lines.append(severityName(incident.severity) + QLatin1Char(' ') + incidentKindName(incident.kind)
                         + QStringLiteral(" (") + statusName(incident.status) + QStringLiteral("): ")
                         + incident.explanation);
    }
    for (const Annotation& a : h.annotations) {
        const double at = double(toStoredTime(a.at));
        const double until = a.until.isValid() ? double(toStoredTime(a.until)) : at;
        if (x >= at - tolerance && x <= until + tolerance)
            lines.append(
                tr("Note: %1%2").arg(a.text, a.excludeFromTraining ? tr(" (excluded from training)") : QString()));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace sightline::ui
