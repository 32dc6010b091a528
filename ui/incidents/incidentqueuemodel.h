#pragma once

#include "incidents/queuedata.h"

#include <QAbstractTableModel>
#include <QHash>

namespace sightline::ui {

// The incidents of a workspace as a flat table, one row per incident. Rows hold plain values
// (QueueRow) that the filter proxy reads directly, without QVariant round trips.
class IncidentQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        SeverityColumn,
        StatusColumn,
        KindColumn,
        AssetColumn,
        TeamColumn,
        AssigneeColumn,
        ImpactColumn,
        DetectedColumn,
        GroupColumn,
        ExplanationColumn,
        ColumnCount,
    };
    enum Role
    {
        IncidentIdRole = Qt::UserRole + 1,
        AssetKeyRole,
    };

    explicit IncidentQueueModel(QObject* parent = nullptr);

    void setRows(QList<QueueRow> rows);
    const QList<QueueRow>& rows() const
    {
        return m_rows;
    }
    const QueueRow& row(int r) const
    {
        return m_rows[r];
    }
    // The row of incident id, or -1.
    int rowOf(qint64 id) const
    {
        return m_rowOf.value(id, -1);
    }
    // Replaces the stored incident (after a change was written); keeps the asset fields.
    void updateIncident(const Incident& incident);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // After updateIncident(): the proxy re-checks its filters and counts.
    void incidentUpdated(qint64 id);

private:
    QList<QueueRow> m_rows;
    QHash<qint64, int> m_rowOf;
};

// Short display texts shared by the queue and the detail page.
QString statusLabel(IncidentStatus status);
QString kindLabel(IncidentKind kind);

} // namespace sightline::ui
