#pragma once

#include "incidents/incident.h"

#include <QDateTime>
#include <QHash>
#include <QHashFunctions>
#include <QSet>
#include <QSortFilterProxyModel>

namespace sightline {
// For QSet/QHash of the incident enums (Qt 6.4 has no generic qHash for enums).
inline size_t qHash(IncidentStatus value, size_t seed = 0) noexcept
{
    return ::qHash(static_cast<int>(value), seed);
}
inline size_t qHash(Severity value, size_t seed = 0) noexcept
{
    return ::qHash(static_cast<int>(value), seed);
}
inline size_t qHash(IncidentKind value, size_t seed = 0) noexcept
{
    return ::qHash(static_cast<int>(value), seed);
}
} // namespace sightline

namespace sightline::ui {

class IncidentQueueModel;
struct QueueRow;

// What the queue shows. Empty sets and strings: no restriction.
struct QueueFilter
{
    QSet<IncidentStatus> statuses;
    QSet<Severity> severities;
    QSet<IncidentKind> kinds;
    QString team; // matches the asset's team or owner, or the assignee
    QString platform;
    QDateTime from; // detectedAt >= from
    QDateTime to; // detectedAt <= to
    QString text; // every word must occur in the row's search text (case-insensitive)
    bool hideSnoozed = false; // hide incidents snoozed past the wall clock

    static QueueFilter needsAttention(); // unresolved, snoozed hidden
};

// How many rows each filter value would give, with every *other* filter applied (facet counts).
struct QueueCounts
{
    QHash<IncidentStatus, int> status;
    QHash<Severity, int> severity;
    QHash<IncidentKind, int> kind;
    QHash<QString, int> team;
    QHash<QString, int> platform;
    int shown = 0;
    int total = 0;
};

// Filters and sorts the queue on the rows' plain values. The default order is "needs attention":
// unresolved before resolved, then open (unacknowledged) before acknowledged before
// investigating, then severity (SEV-1 first), downstream impact, newest detection. Sorting by a
// column replaces it; sortByAttention() brings it back. Grouping sorts by the group key first
// (root-cause group, team or asset), keeping the order within each group.
class IncidentQueueProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Grouping
    {
        None,
        RootCause,
        Team,
        Asset,
    };

    explicit IncidentQueueProxy(QObject* parent = nullptr);
    void setQueueModel(IncidentQueueModel* model);

    void setFilter(const QueueFilter& filter);
    const QueueFilter& filter() const
    {
        return m_filter;
    }
    void setGrouping(Grouping grouping);
    Grouping grouping() const
    {
        return m_grouping;
    }
    // The label of the group a source row falls in under the current grouping.
    QString groupLabel(const QueueRow& row) const;

    void sortByAttention();
    bool attentionOrder() const
    {
        return m_attention;
    }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QueueCounts counts() const;
    bool accepts(const QueueRow& row) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    enum Facet
    {
        StatusFacet = 1,
        SeverityFacet = 2,
        KindFacet = 4,
        TeamFacet = 8,
        PlatformFacet = 16,
    };
    // Every filter but the facets in skip.
    bool acceptsExcept(const QueueRow& row, int skip) const;
    int compareRows(const QueueRow& a, const QueueRow& b, int column) const;

    IncidentQueueModel* m_model = nullptr;
    QueueFilter m_filter;
    QStringList m_words;
    Grouping m_grouping = Grouping::None;
    bool m_attention = true;
    int m_column = -1;
    QDateTime m_wallClock; // taken when the filter is set, for the snooze test
};

} // namespace sightline::ui
