#include "incidentqueuemodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace sightline::ui {

QString statusLabel(IncidentStatus status)
{
    switch (status) {
    case IncidentStatus::Open:
        return QObject::tr("open");
    case IncidentStatus::Acknowledged:
        return QObject::tr("acknowledged");
    case IncidentStatus::Investigating:
        return QObject::tr("investigating");
    case IncidentStatus::Fixed:
        return QObject::tr("fixed");
    case IncidentStatus::Expected:
        return QObject::tr("expected");
    case IncidentStatus::NoActionNeeded:
        return QObject::tr("no action needed");
    case IncidentStatus::FalsePositive:
        return QObject::tr("false positive");
    }
    return {};
}

QString kindLabel(IncidentKind kind)
{
    return incidentKindName(kind);
}

namespace {
QColor severityColour(Severity severity)
{
    switch (severity) {
    case Severity::Sev1:
        return QColor(0xb3, 0x1b, 0x1b);
    case Severity::Sev2:
        return QColor(0xd9, 0x5f, 0x0e);
    case Severity::Sev3:
        return QColor(0x9a, 0x7b, 0x00);
    case Severity::Sev4:
        break;
    }
    return QColor(0x5f, 0x6b, 0x7a);
}
} // namespace

IncidentQueueModel::IncidentQueueModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void IncidentQueueModel::setRows(QList<QueueRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (int r = 0; r < m_rows.size(); ++r)
        m_rowOf.insert(m_rows[r].incident.id, r);
    endResetModel();
}

void IncidentQueueModel::updateIncident(const Incident& incident)
{
    const int r = rowOf(incident.id);
    if (r < 0)
        return;
    m_rows[r].incident = incident;
    updateSearchText(m_rows[r]);
    Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
    Q_EMIT incidentUpdated(incident.id);
}

int IncidentQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncidentQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IncidentQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueRow& row = m_rows[index.row()];
    const Incident& i = row.incident;
    if (role == IncidentIdRole)
        return i.id;
    if (role == AssetKeyRole)
        return i.assetKey;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IdColumn:
            return i.id;
        case SeverityColumn:
            return severityName(i.severity);
        case StatusColumn:
            return i.snoozedUntil.isValid() && i.snoozedUntil > QDateTime::currentDateTimeUtc()
                ? tr("%1 (snoozed)").arg(statusLabel(i.status))
                : statusLabel(i.status);
        case KindColumn:
            return i.column.isEmpty() ? kindLabel(i.kind) : QStringLiteral("%1 · %2").arg(kindLabel(i.kind), i.column);
        case AssetColumn:
            return row.assetName;
        case TeamColumn:
            return row.team;
        case AssigneeColumn:
            return i.assignee;
        case ImpactColumn:
            return row.downstream;
        case DetectedColumn:
            return i.detectedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        case GroupColumn:
            return i.groupId > 0 ? QVariant(i.groupId) : QVariant();
        case ExplanationColumn:
            return i.explanation;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == AssetColumn)
            return i.assetKey;
        if (index.column() == ExplanationColumn)
            return i.explanation;
        return {};
    }
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
        return QBrush(severityColour(i.severity));
    if (role == Qt::FontRole && i.status == IncidentStatus::Open) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ForegroundRole && isResolved(i.status))
        return QBrush(QColor(0x80, 0x80, 0x80));
    if (role == Qt::TextAlignmentRole && (index.column() == IdColumn || index.column() == ImpactColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant IncidentQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("#");
    case SeverityColumn:
        return tr("Sev");
    case StatusColumn:
        return tr("Status");
    case KindColumn:
        return tr("Kind");
    case AssetColumn:
        return tr("Asset");
    case TeamColumn:
        return tr("Team");
    case AssigneeColumn:
        return tr("Assignee");
    case ImpactColumn:
        return tr("Downstream");
    case DetectedColumn:
        return tr("Detected");
    case GroupColumn:
        return tr("Group");
    case ExplanationColumn:
        return tr("What happened");
    default:
        return {};
    }
}

} // namespace sightline::ui
