#pragma once

#include "import/importrunner.h"
#include "jobs/jobprogress.h"
#include "jobs/jobtracker.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QProgressDialog;
class QTimer;
class QWidget;

namespace sightline {
class ImporterRegistry;
}

namespace sightline::ui {

// Runs imports for the main window: the ImportRunner on a worker, a progress dialog (bytes,
// percent, current file) whose Cancel really stops the import (it rolls back, the workspace is
// unchanged), and a summary afterwards.
class ImportController : public QObject
{
    Q_OBJECT
public:
    ImportController(std::shared_ptr<const ImporterRegistry> registry, QWidget* dialogParent);
    ~ImportController() override;

    // One import at a time: returns false (and does nothing) while one runs.
    bool start(const QString& workspacePath, const QStringList& paths);
    void cancel();
    bool isRunning() const
    {
        return m_job.isRunning();
    }

    // Progress dialog and summary box; on by default. Tests and headless callers turn them off.
    void setInteractive(bool interactive)
    {
        m_interactive = interactive;
    }
    QProgressDialog* progressDialog() const
    {
        return m_dialog;
    }
    QMessageBox* summaryBox() const
    {
        return m_summary;
    }

Q_SIGNALS:
    // Every start() ends here, also on workspace errors (outcome Failed, error set).
    void finished(const sightline::ImportReport& report);

private:
    void updateProgress();
    void done(const ImportReport& report);

    std::shared_ptr<const ImporterRegistry> m_registry;
    QWidget* m_dialogParent;
    JobTracker m_job;
    std::shared_ptr<JobProgress> m_progress;
    QProgressDialog* m_dialog = nullptr;
    QTimer* m_timer;
    QPointer<QMessageBox> m_summary;
    bool m_interactive = true;
};

} // namespace sightline::ui
