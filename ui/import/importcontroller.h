#pragma once

#include "import/importresultsdialog.h"
#include "import/importrunner.h"
#include "jobs/jobprogress.h"
#include "jobs/jobtracker.h"

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
// unchanged), and afterwards the per-file results in a window that stays open (non-modal).
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

    // Progress dialog and results window; on by default. Tests and headless callers turn them off.
    void setInteractive(bool interactive)
    {
        m_interactive = interactive;
    }
    QProgressDialog* progressDialog() const
    {
        return m_dialog;
    }
    // The results of the last import (null before the first one finished).
    ImportResultsDialog* resultsDialog() const
    {
        return m_results;
    }
    // Shows (raises) the results of the last import, or says there was none yet.
    void showResults();

Q_SIGNALS:
    // Every start() ends here, also on workspace errors (outcome Failed, error set).
    void finished(const sightline::ImportReport& report);

private:
    void updateProgress();
    void done(const ImportReport& report);
    void ensureResultsDialog();

    std::shared_ptr<const ImporterRegistry> m_registry;
    QWidget* m_dialogParent;
    JobTracker m_job;
    std::shared_ptr<JobProgress> m_progress;
    QProgressDialog* m_dialog = nullptr;
    QTimer* m_timer;
    QPointer<ImportResultsDialog> m_results;
    QStringList m_inputs;
    QString m_workspacePath;

    bool m_interactive = true;
};

} // namespace sightline::ui
