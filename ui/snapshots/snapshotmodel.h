#pragma once

#include "store/workspace.h"

#include <QAbstractTableModel>
#include <QList>

namespace sightline::ui {

// The snapshots of a workspace, one row each, oldest first: what was imported when (data time
// and import time), from where, in which format, from which sources, with what counts.
class SnapshotModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        CapturedColumn,
        ImportedColumn,
        FormatColumn,
        SourcesColumn,
        AssetsColumn,
        EdgesColumn,
        ColumnsColumn,
        ObservationsColumn,
        PathColumn,
        ColumnCount
    };
    enum Roles
    {
        SortRole = Qt::UserRole + 1, // numbers and times as numbers
        SnapshotIdRole, // qint64
    };

    explicit SnapshotModel(QObject* parent = nullptr);

    void setSnapshots(QList<SnapshotInfo> snapshots);
    const QList<SnapshotInfo>& snapshots() const
    {
        return m_snapshots;
    }
    // Row of the snapshot with this id, or -1.
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "2022-12-19 14:03 UTC", or "–" for an invalid time.
    static QString timeText(const QDateTime& time);

private:
    QList<SnapshotInfo> m_snapshots;
};

} // namespace sightline::ui
