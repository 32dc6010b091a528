#include "detectionrunner.h"

#include "detect/detection.h"
#include "store/workspace.h"

#include <QProgressDialog>
#include <QTimer>

namespace sightline::ui {

namespace {

struct Outcome
{
    int newIncidents = 0;
    int assetsChecked = 0;
    bool cancelled = false;
    QString error;
};

} // namespace

DetectionRunner::DetectionRunner(QWidget* dialogParent)
    : QObject(dialogParent)
    , m_parent(dialogParent)
    , m_job(this)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_progress || !m_state)
            return;
        const int total = m_state->total.load();
        m_progress->setMaximum(std::max(total, 1));
        m_progress->setValue(std::min(m_state->done.load(), std::max(total, 1)));
        if (total > 0)
            m_progress->setLabelText(tr("Checking %1 of %2 assets…").arg(m_state->done.load()).arg(total));
    });
}

void DetectionRunner::run(const QString& workspacePath)
{
    if (m_job.isRunning() || workspacePath.isEmpty())
        return;
    m_state = std::make_shared<Progress>();
    if (!m_progress) {
        m_progress = new QProgressDialog(m_parent);
        m_progress->setObjectName(QStringLiteral("detectionProgress"));
        m_progress->setWindowTitle(tr("Run detection"));
        m_progress->setAutoClose(false);
        m_progress->setAutoReset(false);
        m_progress->setWindowModality(Qt::NonModal);
        connect(m_progress, &QProgressDialog::canceled, this, &DetectionRunner::cancel);
    }
    m_progress->setLabelText(tr("Reading the history…"));
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    m_progress->show();
    m_timer->start();
    m_job.start(
        [path = workspacePath, state = m_state](const JobTracker::CancelPredicate& cancelled) {
            Outcome out;
            try {
                auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
                DetectionOptions options;
                options.progress = [&state, &cancelled](int done, int total) {
                    state->done = done;
                    state->total = total;
                    return !state->cancel.load() && !cancelled();
                };
                const DetectionReport report = runDetection(*ws, options);
                out.newIncidents = int(report.newIncidents.size());
                out.assetsChecked = report.assetsChecked;
                out.cancelled = report.cancelled;
            } catch (const std::exception& e) {
                out.error = QString::fromUtf8(e.what());
            }
            return out;
        },
        [this](const Outcome& out) {
            m_timer->stop();
            m_progress->hide();
            QString message;
            if (!out.error.isEmpty())
                message = tr("Detection failed: %1").arg(out.error);
            else if (out.cancelled)
                message = tr("Detection cancelled: nothing was written.");
            else if (out.newIncidents == 0)
                message = tr("Detection found no new incidents in %n asset(s).", nullptr, out.assetsChecked);
            else
                message = tr("Detection found %n new incident(s)", nullptr, out.newIncidents) % QStringLiteral(" ")
                    % tr("in %n asset(s).", nullptr, out.assetsChecked);
            Q_EMIT finished(out.newIncidents, out.cancelled, out.error, message);
        });
}

void DetectionRunner::cancel()
{
    if (m_state)
        m_state->cancel = true;
}

} // namespace sightline::ui
