#include "snapshotpanel.h"

#include "snapshots/snapshotmodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace sightline::ui {

namespace {

struct Loaded
{
    QString path;
    QList<SnapshotInfo> snapshots;
    QString error;
};

// WorkspaceError and sql::Error carry their message in what().
QString describe(const std::exception& e)
{
    return QString::fromUtf8(e.what());
}

QString plural(qint64 n, const QString& one, const QString& many)
{
    return QLocale().toString(n) + u' ' + (n == 1 ? one : many);
}

} // namespace

// What a preview or a removal job reports back.
struct SnapshotPanel::Outcome
{
    SnapshotRemoval removal;
    QString error;
};

SnapshotPanel::SnapshotPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new SnapshotModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(this))
    , m_removeButton(new QToolButton(this))
    , m_removeAction(new QAction(tr("&Remove Snapshot…"), this))
    , m_reloadAction(new QAction(tr("Re&load"), this))
    , m_view(new QTreeView(this))
    , m_details(new QLabel(this))
    , m_status(new QLabel(this))
    , m_loadJob(this)
    , m_removeJob(this)
{
    setObjectName(QStringLiteral("snapshots"));
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(SnapshotModel::SortRole);

    m_view->setModel(m_sorted);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SnapshotModel::IdColumn, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);

    m_removeAction->setObjectName(QStringLiteral("removeSnapshot"));
    m_removeAction->setShortcut(QKeySequence::Delete);
    // Delete means "remove this snapshot" only while the list has the focus.
    m_removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_removeAction->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    m_removeAction->setToolTip(tr("Remove the selected snapshot and what only it contributed (Delete)"));
    m_removeAction->setEnabled(false);
    connect(m_removeAction, &QAction::triggered, this, &SnapshotPanel::removeSelected);
    m_reloadAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_reloadAction->setToolTip(tr("Read the list of snapshots again"));
    connect(m_reloadAction, &QAction::triggered, this, &SnapshotPanel::reload);
    addAction(m_removeAction);
    m_view->addAction(m_removeAction);
    m_view->addAction(m_reloadAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_removeButton->setDefaultAction(m_removeAction);
    m_removeButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* reloadButton = new QToolButton(this);
    reloadButton->setDefaultAction(m_reloadAction);

    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_status);
    bar->addWidget(reloadButton);
    bar->addWidget(m_removeButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_details);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SnapshotPanel::updateSelection);
    connect(m_sorted, &QAbstractItemModel::modelReset, this, &SnapshotPanel::updateSelection);
    setWorkspace({});
}

SnapshotPanel::~SnapshotPanel() = default;

void SnapshotPanel::setWorkspace(const QString& path)
{
    if (path != m_path && m_confirmation)
        m_confirmation->reject();
    m_path = path;
    reload();
}

void SnapshotPanel::reload()
{
    if (m_path.isEmpty()) {
        m_loadJob.discard();
        m_model->setSnapshots({});
        m_summary->setText(tr("No workspace open."));
        return;
    }
    m_loadJob.start(
        [path = m_path](const JobTracker::CancelPredicate&) {
            Loaded loaded;
            loaded.path = path;
            try {
                loaded.snapshots = Workspace::open(path, Workspace::OpenMode::ReadOnly)->snapshots();
            } catch (const std::exception& e) {
                loaded.error = describe(e);
            }
            return loaded;
        },
        [this](const Loaded& loaded) {
            if (loaded.path != m_path)
                return;
            if (!loaded.error.isEmpty()) {
                m_summary->setText(tr("Cannot read the snapshots: %1").arg(loaded.error));
                return;
            }
            const qint64 selected = selectedSnapshot();
            m_model->setSnapshots(loaded.snapshots);
            m_summary->setText(loaded.snapshots.isEmpty()
                                   ? tr("Nothing imported yet.")
                                   : plural(loaded.snapshots.size(), tr("snapshot"), tr("snapshots")));
            if (!selectSnapshot(selected) && !loaded.snapshots.isEmpty())
                selectSnapshot(loaded.snapshots.constLast().id);
            Q_EMIT snapshotsLoaded(int(loaded.snapshots.size()));
        });
}

qint64 SnapshotPanel::selectedSnapshot() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    return rows.first().data(SnapshotModel::SnapshotIdRole).toLongLong();
}

bool SnapshotPanel::selectSnapshot(qint64 id)
{
    const int row = id > 0 ? m_model->rowOf(id) : -1;
    if (row < 0)
        return false;
    const QModelIndex index = m_sorted->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void SnapshotPanel::updateSelection()
{
    const qint64 id = selectedSnapshot();
    m_removeAction->setEnabled(id > 0 && !isRemoving());
    const int row = m_model->rowOf(id);
    if (row < 0) {
        m_details->clear();
        return;
    }
    const SnapshotInfo& s = m_model->snapshots().at(row);
    m_details->setText(tr("Snapshot %1 (%2), captured %3, imported %4, from %5. Sources: %6.")
                           .arg(QString::number(s.id), s.format, SnapshotModel::timeText(s.capturedAt),
                                SnapshotModel::timeText(s.importedAt), s.sourcePath,
                                s.sources.isEmpty() ? tr("none") : s.sources.join(QStringLiteral(", "))));
}

QString SnapshotPanel::statusText() const
{
    return m_status->text();
}

void SnapshotPanel::setStatus(const QString& text)
{
    m_status->setText(text);
}

void SnapshotPanel::removeSelected()
{
    const qint64 id = selectedSnapshot();
    const int row = m_model->rowOf(id);
    if (row < 0 || isRemoving() || m_confirmation)
        return;
    startPreview(m_model->snapshots().at(row));
}

void SnapshotPanel::startPreview(const SnapshotInfo& snapshot)
{
    setStatus(tr("Working out what snapshot %1 alone contributed…").arg(snapshot.id));
    m_removeAction->setEnabled(false);
    m_removeJob.start(
        [path = m_path, id = snapshot.id](const JobTracker::CancelPredicate&) {
            Outcome outcome;
            try {
                auto workspace = Workspace::open(path, Workspace::OpenMode::ReadWrite);
                outcome.removal = previewSnapshotRemoval(workspace->db(), id);
            } catch (const UnknownSnapshotError&) {
                outcome.error = tr("Snapshot %1 is no longer in the workspace.").arg(id);
            } catch (const std::exception& e) {
                outcome.error = describe(e);
            }
            return outcome;
        },
        [this, snapshot, path = m_path](const Outcome& outcome) {
            setStatus({});
            updateSelection();
            if (path != m_path)
                return; // another workspace is shown now: nothing to ask about
            if (!outcome.error.isEmpty())
                return failed(outcome.error);
            confirm(snapshot, outcome.removal);
        });
}

QString SnapshotPanel::confirmationQuestion(const SnapshotInfo& s)
{
    return tr("Remove snapshot %1 (%2, captured %3)?")
        .arg(QString::number(s.id), s.format, SnapshotModel::timeText(s.capturedAt));
}

QString SnapshotPanel::confirmationDetails(const SnapshotInfo& s, const SnapshotRemoval& r)
{
    QString text = tr("Imported %1 from:").arg(SnapshotModel::timeText(s.importedAt)) + u'\n' + s.sourcePath
        + QStringLiteral("\n\n");
    QStringList only;
    if (r.assets > 0 || r.edges > 0)
        only.append(tr("%1 and %2 that no other snapshot reported, with their columns, history and incidents")
                        .arg(plural(r.assets, tr("asset"), tr("assets")), plural(r.edges, tr("edge"), tr("edges"))));
    if (r.observations > 0)
        only.append(plural(r.observations, tr("observation"), tr("observations")));
    if (r.runResults > 0)
        only.append(plural(r.runResults, tr("run or test result"), tr("run and test results")));
    if (r.schemaVersions > 0)
        only.append(plural(r.schemaVersions, tr("schema version"), tr("schema versions")));
    if (r.columnEdges > 0)
        only.append(plural(r.columnEdges, tr("column-level edge"), tr("column-level edges")));
    if (only.isEmpty()) {
        text += tr("Nothing that only this snapshot contributed: every asset, edge and measurement in it is also "
                   "reported by another snapshot.");
    } else {
        text += tr("Only this snapshot contributed these, and they will be deleted:");
        for (const auto& line : std::as_const(only))
            text += QStringLiteral("\n  • ") + line;
    }
    if (r.unretiredAssets > 0 || r.unretiredEdges > 0) {
        text += QStringLiteral("\n\n")
            + tr("%1 and %2 that this snapshot had retired become current again.")
                  .arg(plural(r.unretiredAssets, tr("asset"), tr("assets")),
                       plural(r.unretiredEdges, tr("edge"), tr("edges")));
    }
    text += QStringLiteral("\n\n")
        + tr("Names, descriptions and owners it overwrote keep their newest values. This cannot be undone; "
             "importing the same files again brings the snapshot back.");
    return text;
}

void SnapshotPanel::confirm(const SnapshotInfo& snapshot, const SnapshotRemoval& preview)
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove Snapshot"), confirmationQuestion(snapshot),
                                QMessageBox::NoButton, this);
    box->setInformativeText(confirmationDetails(snapshot, preview));
    box->setObjectName(QStringLiteral("confirmRemoval"));
    auto* remove = box->addButton(tr("Remove Snapshot"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmRemove"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, snapshot](QAbstractButton* button) {
        if (button == remove)
            startRemoval(snapshot);
    });
    m_confirmation = box;
    box->open();
}

void SnapshotPanel::startRemoval(const SnapshotInfo& snapshot)
{
    setStatus(tr("Removing snapshot %1…").arg(snapshot.id));
    m_removeAction->setEnabled(false);
    m_removeJob.start(
        [path = m_path, id = snapshot.id](const JobTracker::CancelPredicate&) {
            Outcome outcome;
            try {
                auto workspace = Workspace::open(path, Workspace::OpenMode::ReadWrite);
                outcome.removal = removeSnapshot(workspace->db(), id);
            } catch (const UnknownSnapshotError&) {
                outcome.error = tr("Snapshot %1 is no longer in the workspace.").arg(id);
            } catch (const std::exception& e) {
                outcome.error = describe(e);
            }
            return outcome;
        },
        [this](const Outcome& outcome) {
            setStatus({});
            updateSelection();
            if (!outcome.error.isEmpty())
                return failed(outcome.error);
            const SnapshotRemoval& r = outcome.removal;
            setStatus(tr("Removed snapshot %1: %2, %3, %4.")
                          .arg(QString::number(r.snapshotId), plural(r.assets, tr("asset"), tr("assets")),
                               plural(r.edges, tr("edge"), tr("edges")),
                               plural(r.observations, tr("observation"), tr("observations"))));
            reload();
            Q_EMIT snapshotRemoved(r);
        });
}

void SnapshotPanel::failed(const QString& message)
{
    setStatus(tr("Removal failed"));
    reload();
    Q_EMIT removalFailed(message);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot Remove Snapshot"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace sightline::ui
