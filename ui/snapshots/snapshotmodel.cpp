#include "snapshotmodel.h"

#include <QFileInfo>
#include <QLocale>

namespace sightline::ui {

SnapshotModel::SnapshotModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SnapshotModel::setSnapshots(QList<SnapshotInfo> snapshots)
{
    beginResetModel();
    m_snapshots = std::move(snapshots);
    endResetModel();
}

int SnapshotModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_snapshots.size(); ++row) {
        if (m_snapshots.at(row).id == id)
            return row;
    }
    return -1;
}

int SnapshotModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_snapshots.size());
}

int SnapshotModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SnapshotModel::timeText(const QDateTime& time)
{
    if (!time.isValid())
        return QStringLiteral("–");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QVariant SnapshotModel::data(const QModelIndex& index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const SnapshotInfo& s = m_snapshots.at(index.row());
    auto number = [role](qint64 value) -> QVariant {
        return role == SortRole ? QVariant(value) : QVariant(QLocale().toString(value));
    };
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case IdColumn:
            return role == SortRole ? QVariant(s.id) : QVariant(QString::number(s.id));
        case CapturedColumn:
            return role == SortRole ? QVariant(s.capturedAt.isValid() ? s.capturedAt.toMSecsSinceEpoch() : -1)
                                    : QVariant(timeText(s.capturedAt));
        case ImportedColumn:
            return role == SortRole ? QVariant(s.importedAt.toMSecsSinceEpoch()) : QVariant(timeText(s.importedAt));
        case FormatColumn:
            return s.format;
        case SourcesColumn:
            return s.sources.join(QStringLiteral(", "));
        case AssetsColumn:
            return number(s.assetCount);
        case EdgesColumn:
            return number(s.edgeCount);
        case ColumnsColumn:
            return number(s.columnCount);
        case ObservationsColumn:
            return number(s.observationCount);
        case PathColumn:
            return role == SortRole ? s.sourcePath : QFileInfo(s.sourcePath).fileName();
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case PathColumn:
            return s.sourcePath;
        case SourcesColumn:
            return s.sources.join(u'\n');
        case CapturedColumn:
            return tr("Data time: when the source captured this snapshot");
        case ImportedColumn:
            return tr("When it was imported into this workspace");
        case IdColumn:
            return tr("Content hash %1").arg(s.contentHash);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || (index.column() >= AssetsColumn && index.column() <= ObservationsColumn))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SnapshotIdRole:
        return s.id;
    }
    return {};
}

QVariant SnapshotModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole
        && (section == IdColumn || (section >= AssetsColumn && section <= ObservationsColumn)))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("ID");
    case CapturedColumn:
        return tr("Captured");
    case ImportedColumn:
        return tr("Imported");
    case FormatColumn:
        return tr("Format");
    case SourcesColumn:
        return tr("Sources");
    case AssetsColumn:
        return tr("Assets");
    case EdgesColumn:
        return tr("Edges");
    case ColumnsColumn:
        return tr("Columns");
    case ObservationsColumn:
        return tr("Observations");
    case PathColumn:
        return tr("From");
    }
    return {};
}

} // namespace sightline::ui
