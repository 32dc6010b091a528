#include "incidentqueueproxy.h"

#include "incidentqueuemodel.h"

#include <limits>

namespace sightline::ui {

namespace {
// open < acknowledged < investigating < resolved (one rank for all resolutions).
int attentionRank(IncidentStatus status)
{
    return isResolved(status) ? 3 : static_cast<int>(status);
}

template<typename T>
int cmp(const T& a, const T& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}
} // namespace

QueueFilter QueueFilter::needsAttention()
{
    QueueFilter f;
    f.statuses = {IncidentStatus::Open, IncidentStatus::Acknowledged, IncidentStatus::Investigating};
    f.hideSnoozed = true;
    return f;
}

IncidentQueueProxy::IncidentQueueProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_wallClock(QDateTime::currentDateTimeUtc())
{
    setDynamicSortFilter(true);
}

void IncidentQueueProxy::setQueueModel(IncidentQueueModel* model)
{
    m_model = model;
    setSourceModel(model);
    QSortFilterProxyModel::sort(0);
}

void IncidentQueueProxy::setFilter(const QueueFilter& filter)
{
    m_filter = filter;
    m_words = filter.text.toLower().split(u' ', Qt::SkipEmptyParts);
    m_wallClock = QDateTime::currentDateTimeUtc();
    invalidateFilter();
}

void IncidentQueueProxy::setGrouping(Grouping grouping)
{
    if (m_grouping == grouping)
        return;
    m_grouping = grouping;
    invalidate();
}

QString IncidentQueueProxy::groupLabel(const QueueRow& row) const
{
    switch (m_grouping) {
    case Grouping::None:
        return {};
    case Grouping::RootCause:
        return row.incident.groupId > 0 ? tr("group %1").arg(row.incident.groupId) : tr("not grouped");
    case Grouping::Team:
        return row.team.isEmpty() ? tr("no team") : row.team;
    case Grouping::Asset:
        return row.incident.assetKey;
    }
    return {};
}

void IncidentQueueProxy::sortByAttention()
{
    m_attention = true;
    m_column = -1;
    QSortFilterProxyModel::sort(0, Qt::AscendingOrder);
    invalidate();
}

void IncidentQueueProxy::sort(int column, Qt::SortOrder order)
{
    if (column < 0) {
        sortByAttention();
        return;
    }
    m_attention = false;
    m_column = column;
    QSortFilterProxyModel::sort(column, order);
}

bool IncidentQueueProxy::acceptsExcept(const QueueRow& row, int skip) const
{
    const Incident& i = row.incident;
    if (!(skip & StatusFacet) && !m_filter.statuses.isEmpty() && !m_filter.statuses.contains(i.status))
        return false;
    if (!(skip & SeverityFacet) && !m_filter.severities.isEmpty() && !m_filter.severities.contains(i.severity))
        return false;
    if (!(skip & KindFacet) && !m_filter.kinds.isEmpty() && !m_filter.kinds.contains(i.kind))
        return false;
    if (!(skip & TeamFacet) && !m_filter.team.isEmpty() && row.team != m_filter.team && row.owner != m_filter.team
        && i.assignee != m_filter.team)
        return false;
    if (!(skip & PlatformFacet) && !m_filter.platform.isEmpty() && row.platform != m_filter.platform)
        return false;
    if (m_filter.from.isValid() && i.detectedAt < m_filter.from)
        return false;
    if (m_filter.to.isValid() && i.detectedAt > m_filter.to)
        return false;
    if (m_filter.hideSnoozed && i.snoozedUntil.isValid() && i.snoozedUntil > m_wallClock)
        return false;
    for (const QString& word : m_words) {
        if (!row.searchText.contains(word))
            return false;
    }
    return true;
}

bool IncidentQueueProxy::accepts(const QueueRow& row) const
{
    return acceptsExcept(row, 0);
}

bool IncidentQueueProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_model || sourceParent.isValid())
        return false;
    return accepts(m_model->row(sourceRow));
}

QueueCounts IncidentQueueProxy::counts() const
{
    QueueCounts c;
    if (!m_model)
        return c;
    c.total = int(m_model->rows().size());
    for (const QueueRow& row : m_model->rows()) {
        // The cheap common part first: a row failing a non-facet filter counts nowhere.
        if (!acceptsExcept(row, StatusFacet | SeverityFacet | KindFacet | TeamFacet | PlatformFacet))
            continue;
        const Incident& i = row.incident;
        if (acceptsExcept(row, StatusFacet))
            ++c.status[i.status];
        if (acceptsExcept(row, SeverityFacet))
            ++c.severity[i.severity];
        if (acceptsExcept(row, KindFacet))
            ++c.kind[i.kind];
        if (acceptsExcept(row, TeamFacet) && !row.team.isEmpty())
            ++c.team[row.team];
        if (acceptsExcept(row, PlatformFacet) && !row.platform.isEmpty())
            ++c.platform[row.platform];
        if (acceptsExcept(row, 0))
            ++c.shown;
    }
    return c;
}

int IncidentQueueProxy::compareRows(const QueueRow& a, const QueueRow& b, int column) const
{
    const Incident& x = a.incident;
    const Incident& y = b.incident;
    switch (column) {
    case IncidentQueueModel::IdColumn:
        return cmp(x.id, y.id);
    case IncidentQueueModel::SeverityColumn:
        return cmp(static_cast<int>(x.severity), static_cast<int>(y.severity));
    case IncidentQueueModel::StatusColumn:
        return cmp(static_cast<int>(x.status), static_cast<int>(y.status));
    case IncidentQueueModel::KindColumn:
        return cmp(static_cast<int>(x.kind), static_cast<int>(y.kind));
    case IncidentQueueModel::AssetColumn:
        return a.assetName.compare(b.assetName, Qt::CaseInsensitive);
    case IncidentQueueModel::TeamColumn:
        return a.team.compare(b.team, Qt::CaseInsensitive);
    case IncidentQueueModel::AssigneeColumn:
        return x.assignee.compare(y.assignee, Qt::CaseInsensitive);
    case IncidentQueueModel::ImpactColumn:
        return cmp(a.downstream, b.downstream);
    case IncidentQueueModel::DetectedColumn:
        return cmp(x.detectedAt, y.detectedAt);
    case IncidentQueueModel::GroupColumn:
        return cmp(x.groupId, y.groupId);
    case IncidentQueueModel::ExplanationColumn:
        return x.explanation.compare(y.explanation);
    default:
        return 0;
    }
}

bool IncidentQueueProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QueueRow& a = m_model->row(left.row());
    const QueueRow& b = m_model->row(right.row());
    // Grouping keeps groups together whatever the order: in a descending sort the group key is
    // compared reversed so that it comes out ascending.
    if (m_grouping != Grouping::None) {
        int g = 0;
        if (m_grouping == Grouping::RootCause)
            g = cmp(a.incident.groupId == 0 ? std::numeric_limits<qint64>::max() : a.incident.groupId,
                    b.incident.groupId == 0 ? std::numeric_limits<qint64>::max() : b.incident.groupId);
        else
            g = groupLabel(a).compare(groupLabel(b), Qt::CaseInsensitive);
        if (g != 0)
            return sortOrder() == Qt::AscendingOrder ? g < 0 : g > 0;
    }
    if (!m_attention) {
        const int c = compareRows(a, b, m_column);
        if (c != 0)
            return c < 0;
        return a.incident.id < b.incident.id;
    }
    const Incident& x = a.incident;
    const Incident& y = b.incident;
    if (int c = cmp(attentionRank(x.status), attentionRank(y.status)))
        return c < 0;
    if (int c = cmp(static_cast<int>(x.severity), static_cast<int>(y.severity)))
        return c < 0;
    if (a.downstream != b.downstream)
        return a.downstream > b.downstream;
    if (x.detectedAt != y.detectedAt)
        return x.detectedAt > y.detectedAt;
    return x.id > y.id;
}

QVariant IncidentQueueProxy::data(const QModelIndex& index, int role) const
{
    if (role == Qt::DisplayRole && index.column() == IncidentQueueModel::GroupColumn && m_grouping != Grouping::None
        && m_model) {
        return groupLabel(m_model->row(mapToSource(index).row()));
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace sightline::ui
