// The annotation half of AssetHistoryView: adding one by clicking on a chart, removing one from the
// chart's context menu. Edits run on a worker (the workspace may be locked by an import for a
// while) and commit at once.
#include "assethistoryview.h"

#include "charts/annotationdialog.h"
#include "charts/chartpanel.h"
#include "store/workspace.h"

#include <QFontMetrics>
#include <QMenu>

#include <cmath>
#include <exception>

namespace sightline::ui {

namespace {

constexpr double kSnapPixels = 12;

struct Written
{
    qint64 id = 0;
    QList<Annotation> annotations;
    QString error;
};

} // namespace

void AssetHistoryView::askAnnotation(double x)
{
    if (m_key.isEmpty() || m_path.isEmpty())
        return;
    // Minutes are what a person means when clicking on a chart.
    const qint64 minute = 60 * 1000;
    const QDateTime at = fromStoredTime(qint64(std::llround(x / minute)) * minute);
    auto* dialog = new AnnotationDialog(m_key, at, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { addAnnotation(dialog->at(), dialog->text(), dialog->excludeFromTraining()); });
    dialog->open();
}

void AssetHistoryView::addAnnotation(const QDateTime& at, const QString& text, bool excludeFromTraining)
{
    Annotation annotation;
    annotation.assetKey = m_key;
    annotation.at = at;
    annotation.text = text;
    annotation.excludeFromTraining = excludeFromTraining;
    annotation.author = qEnvironmentVariable("USER");
    editAnnotations([annotation](AnnotationStore& store) { return store.add(annotation); }, false);
}

void AssetHistoryView::removeAnnotation(qint64 id)
{
    editAnnotations(
        [id](AnnotationStore& store) {
            if (!store.remove(id))
                throw sql::Error(0, QStringLiteral("The annotation no longer exists"));
            return id;
        },
        true);
}

void AssetHistoryView::editAnnotations(std::function<qint64(AnnotationStore&)> edit, bool removal)
{
    if (m_key.isEmpty() || m_path.isEmpty())
        return;
    m_writeJob.start(
        [path = m_path, key = m_key, edit = std::move(edit)](const JobTracker::CancelPredicate&) {
            Written written;
            try {
                auto workspace = Workspace::open(path, Workspace::OpenMode::ReadWrite);
                AnnotationStore store(workspace->db());
                written.id = edit(store);
                written.annotations = store.annotations(key);
            } catch (const std::exception& e) {
                written.error = QString::fromUtf8(e.what());
            }
            return written;
        },
        [this, key = m_key, removal](Written written) {
            if (!written.error.isEmpty()) {
                setStatus(tr("Could not save the annotation: %1").arg(written.error));
                Q_EMIT annotationFailed(written.error);
                return;
            }
            if (m_history && m_history->assetKey == key) {
                auto updated = std::make_shared<AssetHistory>(*m_history);
                updated->annotations = written.annotations;
                m_history = std::move(updated);
                updateMarkers();
            }
            if (removal)
                Q_EMIT annotationRemoved(written.id);
            else
                Q_EMIT annotationAdded(written.id);
        });
}

double AssetHistoryView::pixelTolerance() const
{
    const ChartPanel* first = m_panels.first();
    const double left = first->plotRect().left();
    return std::abs(first->xAtPixel(left + kSnapPixels) - first->xAtPixel(left));
}

qint64 AssetHistoryView::annotationNear(double x) const
{
    const double tolerance = pixelTolerance() / 2;
    qint64 best = 0;
    double bestDistance = tolerance;
    for (const Annotation& a : m_history->annotations) {
        const double at = double(toStoredTime(a.at));
        const double until = a.until.isValid() ? double(toStoredTime(a.until)) : at;
        const double distance = x < at ? at - x : (x > until ? x - until : 0);
        if (distance <= bestDistance) {
            best = a.id;
            bestDistance = distance;
        }
    }
    return best;
}

void AssetHistoryView::showContextMenu(double x, const QPoint& globalPos)
{
    QMenu menu(this);
    const qint64 near = annotationNear(x);
    for (const Annotation& a : m_history->annotations) {
        if (a.id != near)
            continue;
        const QString text = QFontMetrics(menu.font()).elidedText(a.text, Qt::ElideRight, 300);
        menu.addAction(tr("Remove Annotation “%1”").arg(text), this, [this, near] { removeAnnotation(near); });
    }
    menu.addAction(tr("Add Annotation Here…"), this, [this, x] { askAnnotation(x); });
    menu.addSeparator();
    menu.addAction(tr("Show Whole History"), this, [this] { setRange(Range::All); });
    menu.exec(globalPos);
}

} // namespace sightline::ui
