#pragma once

#include "jobs/jobtracker.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QProgressDialog;
class QTimer;
class QWidget;

namespace sightline::ui {

// "Run detection": runs every detector over a workspace on a worker thread with a progress
// dialog whose Cancel stops it (a cancelled run writes nothing), then says how many new
// incidents it stored.
class DetectionRunner : public QObject
{
    Q_OBJECT
public:
    explicit DetectionRunner(QWidget* dialogParent);

    void run(const QString& workspacePath);
    void cancel();
    bool isRunning() const
    {
        return m_job.isRunning();
    }
    QProgressDialog* progressDialog() const
    {
        return m_progress;
    }

Q_SIGNALS:
    // newIncidents: stored by this run; message: one sentence for the status bar.
    void finished(int newIncidents, bool cancelled, const QString& error, const QString& message);

private:
    struct Progress
    {
        std::atomic<int> done {0};
        std::atomic<int> total {0};
        std::atomic<bool> cancel {false};
    };
    QWidget* m_parent;
    JobTracker m_job;
    std::shared_ptr<Progress> m_state;
    QProgressDialog* m_progress = nullptr;
    QTimer* m_timer;
};

} // namespace sightline::ui
