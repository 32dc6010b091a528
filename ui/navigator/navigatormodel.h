#pragma once

#include "core/asset.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

#include <memory>
#include <vector>

namespace sightline::ui {

// The assets of a workspace as a tree: platform -> project/database -> dataset/schema -> asset.
// Things that are not relations (dashboards, ephemeral models, ...) sit under their platform in a
// group named after their kind. A thin adapter over the Asset list: rebuilt (reset) on each load.
class NavigatorModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Roles
    {
        AssetKeyRole = Qt::UserRole + 1, // QString, empty for groups
        KindRole, // AssetKind as int, -1 for groups
        IsGroupRole, // bool
        FilterTextRole, // lower-case name, key, owner and tags; empty for groups
        LeafCountRole, // number of assets below a group (1 for an asset)
        LabelRole, // group label without its count, asset name
    };

    explicit NavigatorModel(QObject* parent = nullptr);
    ~NavigatorModel() override;

    void setAssets(QList<Asset> assets);
    void clear();
    const QList<Asset>& assets() const
    {
        return m_assets;
    }

    QModelIndex indexForKey(const QString& key) const;
    // The asset at index, or null for a group.
    const Asset* assetAt(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        QString label;
        QString filterText; // precomputed: filtering asks for it on every keystroke
        qsizetype asset = -1; // index into m_assets, -1 for groups
        Node* parent = nullptr;
        int row = 0;
        int leafCount = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    void rebuild();
    Node* nodeAt(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node) const;

    QList<Asset> m_assets;
    std::unique_ptr<Node> m_root;
    QHash<QString, Node*> m_byKey;
};

} // namespace sightline::ui
