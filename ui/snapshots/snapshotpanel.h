#pragma once

#include "jobs/jobtracker.h"
#include "store/snapshotremoval.h"
#include "store/workspace.h"

#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QToolButton;
class QTreeView;

namespace sightline::ui {

class SnapshotModel;

// The history of a workspace: every imported snapshot (when captured, when imported, from
// where, format, sources, counts), and removal of one with what only it contributed. Reading,
// the dry run behind the confirmation and the removal itself all run as background jobs; the
// confirmation states the dry run's figures.
class SnapshotPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SnapshotPanel(QWidget* parent = nullptr);
    ~SnapshotPanel() override;

    // Shows the snapshots of path (reloads when it is the same); empty clears.
    void setWorkspace(const QString& path);
    QString workspacePath() const
    {
        return m_path;
    }
    void reload();

    qint64 selectedSnapshot() const; // 0 when none
    bool selectSnapshot(qint64 id);
    // Works out what the selected snapshot alone contributed, then asks before removing it.
    void removeSelected();

    bool isLoading() const
    {
        return m_loadJob.isRunning();
    }
    bool isRemoving() const
    {
        return m_removeJob.isRunning();
    }
    SnapshotModel* model() const
    {
        return m_model;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    QAction* removeAction() const
    {
        return m_removeAction;
    }
    // The open "Remove snapshot?" question, if any.
    QMessageBox* confirmation() const
    {
        return m_confirmation;
    }
    QString statusText() const;

    // The question asked before removing snapshot, and below it what removing it would delete.
    static QString confirmationQuestion(const SnapshotInfo& snapshot);
    static QString confirmationDetails(const SnapshotInfo& snapshot, const SnapshotRemoval& removal);

Q_SIGNALS:
    void snapshotsLoaded(int count);
    // After a removal committed; the rest of the window should reload the workspace.
    void snapshotRemoved(const sightline::SnapshotRemoval& removal);
    void removalFailed(const QString& message);

private:
    struct Outcome;
    void startPreview(const SnapshotInfo& snapshot);
    void confirm(const SnapshotInfo& snapshot, const SnapshotRemoval& preview);
    void startRemoval(const SnapshotInfo& snapshot);
    void failed(const QString& message);
    void updateSelection();
    void setStatus(const QString& text);

    QString m_path;
    SnapshotModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QLabel* m_summary;
    QToolButton* m_removeButton;
    QAction* m_removeAction;
    QAction* m_reloadAction;
    QTreeView* m_view;
    QLabel* m_details;
    QLabel* m_status;
    QPointer<QMessageBox> m_confirmation;
    JobTracker m_loadJob;
    JobTracker m_removeJob;
};

} // namespace sightline::ui
