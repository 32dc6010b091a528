#include "incidentspane.h"

#include "incidentcommand.h"
#include "incidentdetailpage.h"
#include "incidentfilterbar.h"
#include "incidentqueuemodel.h"
#include "incidentqueueproxy.h"
#include "incidentwriter.h"

#include "incidents/workflow.h"
#include "notify/notifydialog.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSplitter>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace sightline::ui {

namespace {

IncidentsPane::Prompter dialogPrompter()
{
    IncidentsPane::Prompter p;
    p.resolve = [](QWidget* parent) -> std::optional<std::pair<IncidentStatus, QString>> {
        QStringList labels;
        const QList<IncidentStatus> resolutions {IncidentStatus::Fixed, IncidentStatus::Expected,
                                                 IncidentStatus::NoActionNeeded, IncidentStatus::FalsePositive};
        for (IncidentStatus s : resolutions)
            labels.append(statusLabel(s));
        bool ok = false;
        const QString choice =
            QInputDialog::getItem(parent, QObject::tr("Resolve"), QObject::tr("Resolution:"), labels, 0, false, &ok);
        if (!ok)
            return std::nullopt;
        const QString reason = QInputDialog::getText(parent, QObject::tr("Resolve"), QObject::tr("Reason (required):"),
                                                     QLineEdit::Normal, {}, &ok);
        if (!ok || reason.trimmed().isEmpty())
            return std::nullopt;
        return std::pair {resolutions.value(labels.indexOf(choice)), reason.trimmed()};
    };
    p.assignee = [](QWidget* parent, const QString& current) -> std::optional<QString> {
        bool ok = false;
        const QString name = QInputDialog::getText(
            parent, QObject::tr("Assign"), QObject::tr("Assignee (empty: nobody):"), QLineEdit::Normal, current, &ok);
        return ok ? std::optional<QString>(name.trimmed()) : std::nullopt;
    };
    p.snoozeUntil = [](QWidget* parent) -> std::optional<QDateTime> {
        const QList<std::pair<QString, qint64>> choices {
            {QObject::tr("1 hour"), 3600},          {QObject::tr("4 hours"), 4 * 3600},
            {QObject::tr("1 day"), 24 * 3600},      {QObject::tr("3 days"), 3 * 24 * 3600},
            {QObject::tr("1 week"), 7 * 24 * 3600}, {QObject::tr("Stop snoozing"), 0}};
        QStringList labels;
        for (const auto& c : choices)
            labels.append(c.first);
        bool ok = false;
        const QString choice =
            QInputDialog::getItem(parent, QObject::tr("Snooze"), QObject::tr("Snooze for:"), labels, 2, false, &ok);
        if (!ok)
            return std::nullopt;
        const qint64 secs = choices.value(labels.indexOf(choice)).second;
        return secs > 0 ? QDateTime::currentDateTimeUtc().addSecs(secs) : QDateTime();
    };
    p.comment = [](QWidget* parent) -> std::optional<QString> {
        bool ok = false;
        const QString text =
            QInputDialog::getMultiLineText(parent, QObject::tr("Comment"), QObject::tr("Comment:"), {}, &ok);
        if (!ok || text.trimmed().isEmpty())
            return std::nullopt;
        return text;
    };
    return p;
}

} // namespace

IncidentsPane::IncidentsPane(QWidget* parent)
    : QWidget(parent)
    , m_loadJob(this)
    , m_model(new IncidentQueueModel(this))
    , m_proxy(new IncidentQueueProxy(this))
    , m_filterBar(new IncidentFilterBar(this))
    , m_view(new QTableView(this))
    , m_countLabel(new QLabel(this))
    , m_teamLabel(new QLabel(this))
    , m_detail(new IncidentDetailPage(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_undo(new QUndoStack(this))
    , m_writer(new IncidentWriter(this))
    , m_prompter(dialogPrompter())
{
    m_proxy->setQueueModel(m_model);
    m_view->setObjectName(QStringLiteral("incidentQueue"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicatorShown(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->installEventFilter(this);
    // Sorting by a header replaces the default "needs attention" order (the proxy keeps it until then).
    m_proxy->sortByAttention();
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this] { m_view->horizontalHeader()->setSortIndicatorShown(true); });

    auto* queue = new QWidget(this);
    auto* queueLayout = new QVBoxLayout(queue);
    queueLayout->setContentsMargins(0, 0, 0, 0);
    queueLayout->addWidget(m_filterBar);
    queueLayout->addWidget(m_view, 1);
    auto* help =
        new QLabel(tr("j/k move · x select · a acknowledge · i investigate · r resolve · o reopen · e assign · "
                      "s snooze · c comment · 1-4 severity · m merge · u split · n notify · l lineage · Ctrl+Z undo"),
                   this);
    help->setWordWrap(true);
    help->setStyleSheet(QStringLiteral("color: palette(mid)"));
    auto* counts = new QHBoxLayout;
    counts->addWidget(m_countLabel);
    counts->addStretch(1);
    m_teamLabel->setObjectName(QStringLiteral("teamTimes"));
    counts->addWidget(m_teamLabel);
    queueLayout->addLayout(counts);
    queueLayout->addWidget(help);
    m_splitter->addWidget(queue);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({900, 600});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    QAction* undo = m_undo->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(this, tr("Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    for (QAction* a : {undo, redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }

    connect(m_filterBar, &IncidentFilterBar::filterChanged, this, &IncidentsPane::applyFilter);
    connect(m_filterBar, &IncidentFilterBar::groupingChanged, this,
            [this] { m_proxy->setGrouping(m_filterBar->grouping()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &IncidentsPane::currentChanged);
    connect(m_detail, &IncidentDetailPage::assetActivated, this, &IncidentsPane::assetActivated);
    connect(m_detail, &IncidentDetailPage::incidentActivated, this, &IncidentsPane::selectIncident);
    connect(m_detail, &IncidentDetailPage::notifyRequested, this, &IncidentsPane::notifyIncident);
    connect(m_detail, &IncidentDetailPage::trained, this, [this](bool ok, const QString& message) {
        Q_EMIT statusMessage(message, ok ? 8000 : 0);
        if (ok)
            Q_EMIT workspaceWritten();
    });
    connect(m_writer, &IncidentWriter::finished, this,
            [this](const IncidentWriter::Result& r) { writeFinished(r.changed, r.error); });
    connect(m_writer, &IncidentWriter::waiting, this, [this](bool on) {
        Q_EMIT statusMessage(on ? tr("Waiting for the import to finish…") : QString(), on ? 0 : 1);
    });
    applyFilter();
}

// The writer's own destructor waits for its jobs. No events may be processed here: the window
// around the pane is being destroyed, and delivering queued events to it crashed.
IncidentsPane::~IncidentsPane() = default;

NotifyDialog* IncidentsPane::notifyIncident(qint64 id)
{
    if (id <= 0 || m_path.isEmpty() || !m_graph)
        return nullptr;
    auto* dialog = new NotifyDialog(m_path, m_graph, id, m_writer->actor(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NotifyDialog::sent, this, [this, id] {
        Q_EMIT workspaceWritten();
        if (m_detail->incidentId() == id)
            m_detail->reload();
    });
    dialog->open();
    return dialog;
}

void IncidentsPane::setPrompter(Prompter prompter)
{
    m_prompter = std::move(prompter);
}

void IncidentsPane::setWorkspace(const QString& path, std::shared_ptr<const LineageGraph> graph, const QString& actor)
{
    if (path != m_path)
        m_undo->clear(); // undo history belongs to one workspace
    m_path = path;
    m_graph = graph;
    m_writer->setWorkspace(path, actor);
    m_detail->setWorkspace(path, graph);
    reload();
}

void IncidentsPane::reload()
{
    if (m_path.isEmpty())
        return;
    m_loadJob.start([path = m_path, graph = m_graph](
                        const JobTracker::CancelPredicate& cancelled) { return loadQueue(path, graph, cancelled); },
                    [this](QueueData data) {
                        if (!data.error.isEmpty()) {
                            Q_EMIT statusMessage(tr("Incidents could not be read: %1").arg(data.error), 8000);
                            return;
                        }
                        setQueueData(std::move(data));
                    });
}

void IncidentsPane::setQueueData(QueueData data)
{
    const qint64 current = currentId();
    if (m_path.isEmpty() || data.path != m_path) {
        m_path = data.path;
        m_graph = data.graph;
        if (m_writer->path() != m_path)
            m_writer->setWorkspace(m_path);
        m_detail->setWorkspace(m_path, m_graph);
    }
    QSet<QString> teams;
    QSet<QString> platforms;
    for (const QueueRow& row : std::as_const(data.rows)) {
        if (!row.team.isEmpty())
            teams.insert(row.team);
        if (!row.platform.isEmpty())
            platforms.insert(row.platform);
    }
    QStringList teamList(teams.cbegin(), teams.cend());
    QStringList platformList(platforms.cbegin(), platforms.cend());
    teamList.sort(Qt::CaseInsensitive);
    platformList.sort(Qt::CaseInsensitive);
    m_filterBar->setChoices(teamList, platformList, data.dataTime);
    const int count = int(data.rows.size());
    m_teams = data.teams;
    m_model->setRows(std::move(data.rows));
    m_proxy->setFilter(m_filterBar->filter());
    updateCounts();
    if (current > 0 && m_model->rowOf(current) >= 0)
        selectIncident(current);
    else if (m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(0, 0));
    m_view->resizeColumnsToContents();
    m_view->setColumnWidth(IncidentQueueModel::ExplanationColumn, 320);
    Q_EMIT queueLoaded(count);
}

void IncidentsPane::applyFilter()
{
    m_proxy->setFilter(m_filterBar->filter());
    updateCounts();
}

void IncidentsPane::updateCounts()
{
    const QueueCounts counts = m_proxy->counts();
    m_filterBar->setCounts(counts);
    m_countLabel->setText(tr("%1 of %2 incidents").arg(m_proxy->rowCount()).arg(counts.total));
}

QList<qint64> IncidentsPane::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows)
        ids.append(index.data(IncidentQueueModel::IncidentIdRole).toLongLong());
    if (ids.isEmpty() && currentId() > 0)
        ids.append(currentId());
    std::sort(ids.begin(), ids.end());
    return ids;
}

qint64 IncidentsPane::currentId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(IncidentQueueModel::IncidentIdRole).toLongLong() : 0;
}

void IncidentsPane::selectIncident(qint64 id)
{
    const int sourceRow = m_model->rowOf(id);
    if (sourceRow < 0)
        return;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid()) {
        // Filtered out: show everything so that the incident can be selected.
        m_filterBar->statusBox()->setCurrentIndex(1);
        applyFilter();
        index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
        if (!index.isValid())
            return;
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void IncidentsPane::currentChanged()
{
    m_detail->showIncident(currentId());
    m_teamLabel->setText(teamSummary());
}

QString IncidentsPane::teamSummary() const
{
    const int row = m_model->rowOf(currentId());
    if (row < 0)
        return {};
    const QString team = m_model->row(row).team;
    for (const TeamTimes& t : m_teams) {
        if (t.team != team)
            continue;
        return tr("%1 (%2): median time to acknowledge %3 · to resolve %4")
            .arg(team.isEmpty() ? tr("No team") : team,
                 t.incidents == 1 ? tr("1 incident") : tr("%1 incidents").arg(t.incidents),
                 formatDuration(t.medianToAcknowledgeMs), formatDuration(t.medianToResolveMs));
    }
    return {};
}

void IncidentsPane::moveCurrent(int delta)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + delta, 0, rows - 1) : 0;
    const QModelIndex next = m_proxy->index(row, std::max(0, current.column()));
    m_view->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(next);
}

void IncidentsPane::toggleCurrentSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        m_view->selectionModel()->select(current, QItemSelectionModel::Toggle | QItemSelectionModel::Rows);
}

bool IncidentsPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_view || event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
    if (mods == Qt::ControlModifier && key->key() == Qt::Key_Z) {
        m_undo->undo();
        return true;
    }
    if ((mods == (Qt::ControlModifier | Qt::ShiftModifier) && key->key() == Qt::Key_Z)
        || (mods == Qt::ControlModifier && key->key() == Qt::Key_Y)) {
        m_undo->redo();
        return true;
    }
    if (mods != Qt::NoModifier && mods != Qt::ShiftModifier)
        return false;
    switch (key->key()) {
    case Qt::Key_J:
        moveCurrent(1);
        return true;
    case Qt::Key_K:
        moveCurrent(-1);
        return true;
    case Qt::Key_X:
        toggleCurrentSelected();
        return true;
    case Qt::Key_A:
        acknowledgeSelected();
        return true;
    case Qt::Key_I:
        setStatusSelected(IncidentStatus::Investigating);
        return true;
    case Qt::Key_R:
        resolveSelected();
        return true;
    case Qt::Key_O:
        setStatusSelected(IncidentStatus::Open);
        return true;
    case Qt::Key_E:
        assignSelected();
        return true;
    case Qt::Key_S:
        snoozeSelected();
        return true;
    case Qt::Key_C:
        commentSelected();
        return true;
    case Qt::Key_1:
    case Qt::Key_2:
    case Qt::Key_3:
    case Qt::Key_4:
        setSeveritySelected(Severity(key->key() - Qt::Key_0));
        return true;
    case Qt::Key_M:
        mergeSelected();
        return true;
    case Qt::Key_U:
        splitSelected();
        return true;
    case Qt::Key_N:
        notifyIncident(currentId());
        return true;
    case Qt::Key_L:
        if (const int row = m_model->rowOf(currentId()); row >= 0)
            Q_EMIT assetActivated(m_model->row(row).incident.assetKey);
        return true;
    case Qt::Key_Slash:
        m_filterBar->searchField()->setFocus();
        m_filterBar->searchField()->selectAll();
        return true;
    default:
        return false;
    }
}

void IncidentsPane::push(const QString& text, std::function<QList<qint64>(IncidentWorkflow&, qint64)> perIncident,
                         const QList<qint64>& ids)
{
    if (ids.isEmpty())
        return;
    const QString label =
        ids.size() == 1 ? tr("%1 #%2").arg(text).arg(ids.first()) : tr("%1 %2 incidents").arg(text).arg(ids.size());
    m_undo->push(new IncidentCommand(m_writer, label, [ids, perIncident](IncidentWorkflow& workflow) {
        return workflow.bulk(ids, [&](qint64 id) { return perIncident(workflow, id); });
    }));
    Q_EMIT statusMessage(label, 3000);
}

void IncidentsPane::setStatusSelected(IncidentStatus status, const QString& reason)
{
    // Refused changes are filtered out here, from what the queue knows, so that the undo stack
    // only holds changes that can happen; the workflow checks again when writing.
    QList<qint64> ids;
    QString refused;
    for (qint64 id : selectedIds()) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        const QString why = transitionError(m_model->row(row).incident.status, status);
        if (why.isEmpty())
            ids.append(id);
        else if (refused.isEmpty())
            refused = tr("#%1: %2").arg(id).arg(why);
    }
    if (!refused.isEmpty())
        Q_EMIT statusMessage(ids.isEmpty() ? refused : tr("Skipped some: %1").arg(refused), 6000);
    if (isResolved(status) && reason.trimmed().isEmpty())
        return;
    push(
        tr("Set %1 on").arg(statusLabel(status)),
        [status, reason](IncidentWorkflow& w, qint64 id) { return w.setStatus(id, status, reason); }, ids);
}

void IncidentsPane::acknowledgeSelected()
{
    setStatusSelected(IncidentStatus::Acknowledged);
}

void IncidentsPane::resolveSelected()
{
    if (selectedIds().isEmpty() || !m_prompter.resolve)
        return;
    if (const auto answer = m_prompter.resolve(this))
        setStatusSelected(answer->first, answer->second);
}

void IncidentsPane::assignSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_prompter.assignee)
        return;
    const int row = m_model->rowOf(ids.first());
    const auto name = m_prompter.assignee(this, row >= 0 ? m_model->row(row).incident.assignee : QString());
    if (!name)
        return;
    push(
        name->isEmpty() ? tr("Unassign") : tr("Assign %1 to").arg(*name),
        [assignee = *name](IncidentWorkflow& w, qint64 id) { return w.assign(id, assignee); }, ids);
}

void IncidentsPane::snoozeSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_prompter.snoozeUntil)
        return;
    const auto until = m_prompter.snoozeUntil(this);
    if (!until)
        return;
    push(
        until->isValid() ? tr("Snooze") : tr("Stop snoozing"),
        [until = *until](IncidentWorkflow& w, qint64 id) { return w.snooze(id, until); }, ids);
}

void IncidentsPane::commentSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_prompter.comment)
        return;
    const auto text = m_prompter.comment(this);
    if (!text)
        return;
    push(
        tr("Comment on"), [text = *text](IncidentWorkflow& w, qint64 id) { return w.comment(id, text); }, ids);
}

void IncidentsPane::setSeveritySelected(Severity severity)
{
    push(
        tr("Set %1 on").arg(severityName(severity)),
        [severity](IncidentWorkflow& w, qint64 id) { return w.setSeverity(id, severity); }, selectedIds());
}

void IncidentsPane::mergeSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() < 2) {
        Q_EMIT statusMessage(tr("Select two incidents or more to merge (x or shift+arrows)."), 5000);
        return;
    }
    m_undo->push(new IncidentCommand(m_writer, tr("Merge %1 incidents").arg(ids.size()),
                                     [ids](IncidentWorkflow& w) { return w.merge(ids); }));
}

void IncidentsPane::splitSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    m_undo->push(new IncidentCommand(m_writer, tr("Split %1 incidents").arg(ids.size()),
                                     [ids](IncidentWorkflow& w) { return w.split(ids); }));
}

void IncidentsPane::writeFinished(const QList<Incident>& changed, const QString& error)
{
    for (const Incident& incident : changed)
        m_model->updateIncident(incident);
    if (!changed.isEmpty())
        updateCounts();
    const qint64 shown = m_detail->incidentId();
    for (const Incident& incident : changed) {
        if (incident.id == shown) {
            m_detail->reload();
            break;
        }
    }
    if (!error.isEmpty())
        Q_EMIT statusMessage(tr("Not saved: %1").arg(error), 8000);
}

} // namespace sightline::ui
