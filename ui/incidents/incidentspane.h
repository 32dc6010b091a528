#pragma once

#include "incidents/queuedata.h"
#include "jobs/jobtracker.h"

#include <QDateTime>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QLabel;
class QSplitter;
class QTableView;
class QUndoStack;

namespace sightline {
class IncidentWorkflow;
}

namespace sightline::ui {

class IncidentDetailPage;
class IncidentFilterBar;
class IncidentQueueModel;
class IncidentQueueProxy;
class IncidentWriter;

// The incidents tab: the queue (filters, sort, search, grouping) beside the detail page, driven
// from the keyboard. Every action goes on an undo stack and is written in the background
// (IncidentWriter); the queue updates when the write is committed.
//
// Keys on the queue: j/k or arrows move, x toggles a row in the selection (shift+arrows extend
// it), a acknowledge, i investigating, r resolve (asks for the resolution and a reason), o
// reopen, e assign, s snooze, c comment, 1-4 severity, m merge the selection into one group,
// u split it out again, l show the asset in the lineage view, / search, Ctrl+Z undo,
// Ctrl+Shift+Z redo.
class IncidentsPane : public QWidget
{
    Q_OBJECT
public:
    // The questions an action asks; tests replace them (the defaults are modal dialogs).
    struct Prompter
    {
        std::function<std::optional<std::pair<IncidentStatus, QString>>(QWidget*)> resolve;
        std::function<std::optional<QString>(QWidget*, const QString& current)> assignee;
        std::function<std::optional<QDateTime>(QWidget*)> snoozeUntil;
        std::function<std::optional<QString>(QWidget*)> comment;
    };

    explicit IncidentsPane(QWidget* parent = nullptr);
    ~IncidentsPane() override;

    // Loads the queue in the background (reusing the graph); actor: who acts (empty: OS user).
    void setWorkspace(const QString& path, std::shared_ptr<const LineageGraph> graph, const QString& actor = {});
    // Shows loaded data at once (the loader's result; benchmark and tests).
    void setQueueData(QueueData data);
    void reload();
    bool isLoading() const
    {
        return m_loadJob.isRunning();
    }
    void setPrompter(Prompter prompter);

    IncidentQueueModel* model() const
    {
        return m_model;
    }
    IncidentQueueProxy* proxy() const
    {
        return m_proxy;
    }
    QTableView* view() const
    {
        return m_view;
    }
    QString teamSummary() const;
    IncidentDetailPage* detail() const
    {
        return m_detail;
    }
    IncidentFilterBar* filterBar() const
    {
        return m_filterBar;
    }
    QUndoStack* undoStack() const
    {
        return m_undo;
    }
    IncidentWriter* writer() const
    {
        return m_writer;
    }

    QList<qint64> selectedIds() const;
    qint64 currentId() const;
    void selectIncident(qint64 id);

    // The actions (on the selection, or the current row when nothing is selected).
    void acknowledgeSelected();
    void setStatusSelected(IncidentStatus status, const QString& reason = {});
    void resolveSelected();
    void assignSelected();
    void snoozeSelected();
    void commentSelected();
    void setSeveritySelected(Severity severity);
    void mergeSelected();
    void splitSelected();

Q_SIGNALS:
    void assetActivated(const QString& key);
    // For the window's status bar (timeoutMs 0: until replaced).
    void statusMessage(const QString& text, int timeoutMs);
    void queueLoaded(int incidents);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyFilter();
    void updateCounts();
    void moveCurrent(int delta);
    void toggleCurrentSelected();
    void push(const QString& text, std::function<QList<qint64>(sightline::IncidentWorkflow&, qint64)> perIncident,
              const QList<qint64>& ids);
    void writeFinished(const QList<Incident>& changed, const QString& error);
    void currentChanged();

    JobTracker m_loadJob;
    QString m_path;
    std::shared_ptr<const LineageGraph> m_graph;
    IncidentQueueModel* m_model;
    IncidentQueueProxy* m_proxy;
    IncidentFilterBar* m_filterBar;
    QTableView* m_view;
    QLabel* m_countLabel;
    QLabel* m_teamLabel; // time to acknowledge/resolve of the current incident's team
    QList<TeamTimes> m_teams;
    IncidentDetailPage* m_detail;
    QSplitter* m_splitter;
    QUndoStack* m_undo;
    IncidentWriter* m_writer;
    Prompter m_prompter;
};

} // namespace sightline::ui
