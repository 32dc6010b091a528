#include "navigatorfiltermodel.h"

#include "navigator/navigatormodel.h"

namespace sightline::ui {

NavigatorFilterModel::NavigatorFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    // Only assets match; a matching group must not drag in everything below it.
    setAutoAcceptChildRows(false);
    // Counts seen while rows come and go are stale once they have: forget them.
    const auto forget = [this] { m_visibleCounts.clear(); };
    connect(this, &QAbstractItemModel::rowsInserted, this, forget);
    connect(this, &QAbstractItemModel::rowsRemoved, this, forget);
    connect(this, &QAbstractItemModel::layoutChanged, this, forget);
    connect(this, &QAbstractItemModel::modelReset, this, forget);
}

void NavigatorFilterModel::setSourceModel(QAbstractItemModel* model)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    QSortFilterProxyModel::setSourceModel(model);
    if (model)
        connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_visibleCounts.clear(); });
}

void NavigatorFilterModel::setFilterText(const QString& text)
{
    const QString normalized = text.trimmed().toLower();
    if (normalized == m_text)
        return;
    m_text = normalized;
    m_visibleCounts.clear();
    invalidateFilter();
    m_visibleCounts.clear();
}

bool NavigatorFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(NavigatorModel::IsGroupRole).toBool())
        return false; // kept by recursive filtering when a descendant matches
    return index.data(NavigatorModel::FilterTextRole).toString().contains(m_text);
}

int NavigatorFilterModel::visibleLeaves(const QModelIndex& proxyIndex) const
{
    const int rows = rowCount(proxyIndex);
    if (rows == 0)
        return proxyIndex.data(NavigatorModel::IsGroupRole).toBool() ? 0 : 1;
    const void* key = mapToSource(proxyIndex).internalPointer();
    const auto it = m_visibleCounts.constFind(key);
    if (it != m_visibleCounts.constEnd())
        return *it;
    int count = 0;
    for (int r = 0; r < rows; ++r)
        count += visibleLeaves(index(r, 0, proxyIndex));
    m_visibleCounts.insert(key, count);
    return count;
}

QVariant NavigatorFilterModel::data(const QModelIndex& index, int role) const
{
    if (role == Qt::DisplayRole && !m_text.isEmpty() && index.isValid()
        && index.data(NavigatorModel::IsGroupRole).toBool()) {
        return QStringLiteral("%1 (%2)")
            .arg(index.data(NavigatorModel::LabelRole).toString())
            .arg(visibleLeaves(index));
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace sightline::ui
