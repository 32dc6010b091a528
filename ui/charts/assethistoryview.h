#pragma once

#include "charts/assethistory.h"
#include "jobs/jobtracker.h"

#include <QWidget>

#include <functional>

#include <memory>

class QButtonGroup;
class QLabel;

namespace sightline::ui {

class AnnotationDialog;
class ChartPanel;

// The history page of one asset: volume (row count, change per update), freshness (hours since
// the last update, update events) and schema timeline charts on one shared time axis, with the
// expected bands, incidents and annotations. Ranges (7d/30d/90d/all) end at the workspace's data
// time; drag to zoom, wheel to zoom, shift+wheel to pan; hover for exact values; click to
// annotate. Reading and writing the workspace happen on worker threads.
class AssetHistoryView : public QWidget
{
    Q_OBJECT
public:
    enum class Range
    {
        Week,
        Month,
        Quarter,
        All,
    };
    enum class Panel
    {
        Rows,
        Changes,
        Freshness,
        Schema,
    };

    explicit AssetHistoryView(QWidget* parent = nullptr);
    ~AssetHistoryView() override;

    // The workspace to read; reloads the asset shown (its data may have changed).
    void setWorkspace(const QString& path);
    void showAsset(const QString& key);
    // Shows the incident's asset with the incident's window framed and highlighted (for an
    // incident's detail page).
    void showIncident(const QString& assetKey, qint64 incidentId);
    void clear();
    QString asset() const
    {
        return m_key;
    }

    // Shows an already loaded history (benchmarks, previews); no workspace needed.
    void setHistory(std::shared_ptr<const AssetHistory> history);
    std::shared_ptr<const AssetHistory> history() const
    {
        return m_history;
    }

    void setRange(Range range);
    // The shared time window, ms since the epoch (data time).
    void setWindow(double x0, double x1);
    double windowStart() const
    {
        return m_x0;
    }
    double windowEnd() const
    {
        return m_x1;
    }
    ChartPanel* panel(Panel which) const;

    // The crosshair text at x: exact values, not the downsampled ones, and the expected ranges.
    QString tooltipText(double x) const;
    QString lastTooltip() const
    {
        return m_lastTooltip;
    }

    // Stores an annotation on the asset shown (worker thread); annotationAdded follows.
    void addAnnotation(const QDateTime& at, const QString& text, bool excludeFromTraining);
    // Removes one of the asset's annotations (worker thread); annotationRemoved follows.
    void removeAnnotation(qint64 id);
    // The annotation whose marker is within a few pixels of x on the charts, or 0.
    qint64 annotationNear(double x) const;

Q_SIGNALS:
    void historyLoaded();
    void annotationAdded(qint64 id);
    void annotationRemoved(qint64 id);
    void annotationFailed(const QString& message);

private:
    void load();
    void applyHistory();
    void updateMarkers();
    void applyWindow();
    void applyFocus();
    void hover(ChartPanel* source, double x, const QPoint& globalPos);
    void askAnnotation(double x);
    void showContextMenu(double x, const QPoint& globalPos);
    // Runs an annotation edit on a worker, then shows the asset's annotations as stored.
    void editAnnotations(std::function<qint64(AnnotationStore&)> edit, bool removal);
    double pixelTolerance() const;
    void setStatus(const QString& text);

    QString m_path;
    QString m_key;
    std::shared_ptr<const AssetHistory> m_history;
    JobTracker m_loadJob;
    JobTracker m_writeJob;
    double m_x0 = 0;
    double m_x1 = 1;
    qint64 m_focusIncident = 0;
    QString m_lastTooltip;

    QLabel* m_title;
    QLabel* m_status;
    QButtonGroup* m_ranges;
    QList<ChartPanel*> m_panels;
    int m_rowsSeries = 0;
    int m_anomalySeries = 0;
    int m_changeSeries = 0;
    int m_stalenessSeries = 0;
    int m_updateSeries = 0;
    int m_columnsSeries = 0;
    int m_versionSeries = 0;
};

} // namespace sightline::ui
