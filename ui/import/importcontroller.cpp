#include "importcontroller.h"

#include "import/importerregistry.h"
#include "import/importresultsdialog.h"
#include "store/workspace.h"

#include <QFileInfo>
#include <QLocale>
#include <QProgressDialog>
#include <QTimer>

#include <algorithm>

namespace sightline::ui {

namespace {
constexpr int kProgressSteps = 1000;
constexpr int kPollMs = 100;
} // namespace

ImportController::ImportController(std::shared_ptr<const ImporterRegistry> registry, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_registry(std::move(registry))
    , m_dialogParent(dialogParent)
    , m_job(this)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &ImportController::updateProgress);
}

ImportController::~ImportController()
{
    m_job.discard();
}

bool ImportController::start(const QString& workspacePath, const QStringList& paths)
{
    if (m_job.isRunning())
        return false;
    m_progress = std::make_shared<JobProgress>();
    m_inputs = paths;
    m_workspacePath = workspacePath;
    if (m_interactive) {
        if (!m_dialog) {
            m_dialog = new QProgressDialog(m_dialogParent);
            m_dialog->setWindowTitle(tr("Importing"));
            m_dialog->setWindowModality(Qt::WindowModal);
            m_dialog->setAutoClose(false);
            m_dialog->setAutoReset(false);
            m_dialog->setMinimumDuration(300);
            m_dialog->setMinimumWidth(460);
            connect(m_dialog, &QProgressDialog::canceled, this, &ImportController::cancel);
        }
        m_dialog->setRange(0, kProgressSteps);
        m_dialog->setValue(0);
        m_dialog->setLabelText(tr("Preparing the import…"));
    }
    m_timer->start();

    m_job.start(
        [registry = m_registry, progress = m_progress, workspacePath,
         paths](const JobTracker::CancelPredicate& cancelled) {
            ImportReport report;
            try {
                report = ImportRunner(*registry).run(
                    workspacePath, paths,
                    [progress](qint64 done, qint64 total, const QString& file) { progress->set(done, total, file); },
                    cancelled);
            } catch (const WorkspaceError& e) {
                report.outcome = ImportReport::Outcome::Failed;
                report.error = e.message();
            } catch (const std::exception& e) {
                report.outcome = ImportReport::Outcome::Failed;
                report.error = QStringLiteral("%1: %2").arg(workspacePath, QString::fromUtf8(e.what()));
            }
            return report;
        },
        [this](const ImportReport& report) { done(report); });
    return true;
}

void ImportController::cancel()
{
    m_job.cancel();
    if (m_dialog && m_dialog->isVisible())
        m_dialog->setLabelText(tr("Cancelling; rolling back…"));
}

void ImportController::updateProgress()
{
    if (!m_dialog || !m_progress)
        return;
    const auto value = m_progress->value();
    if (value.total <= 0)
        return;
    const QLocale locale;
    const int steps = int(std::clamp<qint64>(value.done * kProgressSteps / value.total, 0, kProgressSteps));
    m_dialog->setValue(steps);
    m_dialog->setLabelText(tr("Importing %1\n%2 of %3 (%4 %)")
                               .arg(QFileInfo(value.currentFile).fileName(), locale.formattedDataSize(value.done),
                                    locale.formattedDataSize(value.total))
                               .arg(steps / 10));
}

void ImportController::done(const ImportReport& report)
{
    m_timer->stop();
    if (m_dialog) {
        m_dialog->reset();
        m_dialog->hide();
    }
    if (m_interactive) {
        ensureResultsDialog();
        m_results->setReport(report, m_inputs, m_workspacePath);
        showResults();
    }
    Q_EMIT finished(report);
}

void ImportController::ensureResultsDialog()
{
    if (!m_results)
        m_results = new ImportResultsDialog(m_dialogParent);
}

void ImportController::showResults()
{
    ensureResultsDialog();
    m_results->show();
    m_results->raise();
    m_results->activateWindow();
}

} // namespace sightline::ui
