#pragma once

#include <QHash>
#include <QSortFilterProxyModel>

namespace sightline::ui {

// Filters the navigator by a text matched against asset name, key, owner and tags. A group stays
// while anything below it matches, and its label counts what is still visible.
class NavigatorFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit NavigatorFilterModel(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    QString filterText() const
    {
        return m_text;
    }

    void setSourceModel(QAbstractItemModel* model) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int visibleLeaves(const QModelIndex& proxyIndex) const;

    QString m_text;
    mutable QHash<const void*, int> m_visibleCounts; // by source node; cleared on every change
};

} // namespace sightline::ui
