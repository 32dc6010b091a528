#pragma once

#include "incidents/incidentdetail.h"
#include "jobs/jobtracker.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTextBrowser;
class QVBoxLayout;

namespace sightline::ui {

// The detail page of one incident: explanation, expected vs observed, the chart (a slot the
// charts view is put in), what misbehaved upstream, the downstream impact, and the timeline of
// every event with who and when. Loads in the background with its own read-only connection.
class IncidentDetailPage : public QWidget
{
    Q_OBJECT
public:
    explicit IncidentDetailPage(QWidget* parent = nullptr);

    void setWorkspace(const QString& path, std::shared_ptr<const LineageGraph> graph);
    // Loads and shows incident id (0: nothing); reload() shows the current one again.
    void showIncident(qint64 id);
    void reload();
    qint64 incidentId() const
    {
        return m_id;
    }
    bool isLoading() const
    {
        return m_job.isRunning();
    }
    // Shows an already loaded detail (the loader's result; used by the benchmark and tests).
    void setDetail(const IncidentDetail& detail);
    // The HTML the page was given (escaping checks) and its text as shown (tests).
    QString html() const
    {
        return m_html;
    }
    QString text() const;

    // CHARTS: the lead puts the ui/charts view of the incident's series here (see chartRequested);
    // until then the slot shows expected vs observed as text.
    void setChartWidget(QWidget* chart);
    QWidget* chartSlot() const
    {
        return m_chartSlot;
    }

    // The HTML of a detail (no widget needed).
    static QString renderHtml(const IncidentDetail& detail);

Q_SIGNALS:
    void assetActivated(const QString& key);
    void incidentActivated(qint64 id);
    // A new incident is shown: the chart should show its asset/column series around its window.
    void chartRequested(const sightline::Incident& incident);
    void loaded(qint64 id);

private:
    JobTracker m_job;
    QString m_path;
    std::shared_ptr<const LineageGraph> m_graph;
    qint64 m_id = 0;
    QString m_html;
    QLabel* m_title;
    QWidget* m_chartSlot;
    QVBoxLayout* m_chartLayout;
    QLabel* m_chartText;
    QTextBrowser* m_browser;
};

} // namespace sightline::ui
