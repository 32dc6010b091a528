#include "navigatormodel.h"

#include "navigator/kindicon.h"

#include <algorithm>

namespace sightline::ui {

namespace {

// The group that non-relation assets of a kind are listed under.
QString kindGroupLabel(AssetKind kind)
{
    switch (kind) {
    case AssetKind::Analysis:
        return QStringLiteral("analyses");
    case AssetKind::Ml:
        return QStringLiteral("ml models");
    default:
        return kindName(kind) + u's';
    }
}

QString assetFilterText(const Asset& a)
{
    QString text = a.name + u'\n' + a.key + u'\n' + a.owner + u'\n' + a.tags.join(u'\n');
    return text.toLower();
}

} // namespace

NavigatorModel::NavigatorModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

NavigatorModel::~NavigatorModel() = default;

void NavigatorModel::setAssets(QList<Asset> assets)
{
    beginResetModel();
    m_assets = std::move(assets);
    rebuild();
    endResetModel();
}

void NavigatorModel::clear()
{
    setAssets({});
}

void NavigatorModel::rebuild()
{
    m_root = std::make_unique<Node>();
    m_byKey.clear();
    m_byKey.reserve(m_assets.size());

    // Children of a group by label while building; sorted into rows afterwards.
    QHash<const Node*, QHash<QString, Node*>> groups;
    auto child = [&groups](Node* parent, const QString& label) {
        auto& byLabel = groups[parent];
        if (Node* existing = byLabel.value(label))
            return existing;
        auto node = std::make_unique<Node>();
        node->label = label;
        node->parent = parent;
        Node* raw = node.get();
        parent->children.push_back(std::move(node));
        byLabel.insert(label, raw);
        return raw;
    };

    for (qsizetype i = 0; i < m_assets.size(); ++i) {
        const Asset& a = m_assets[i];
        Node* group = child(m_root.get(), a.platform.isEmpty() ? QStringLiteral("(no platform)") : a.platform);
        if (a.database.isEmpty() && a.schema.isEmpty()) {
            group = child(group, kindGroupLabel(a.kind));
        } else {
            if (!a.database.isEmpty())
                group = child(group, a.database);
            if (!a.schema.isEmpty())
                group = child(group, a.schema);
        }
        auto leaf = std::make_unique<Node>();
        leaf->label = a.name.isEmpty() ? a.key : a.name;
        leaf->filterText = assetFilterText(a);
        leaf->asset = i;
        leaf->parent = group;
        leaf->leafCount = 1;
        m_byKey.insert(a.key, leaf.get());
        group->children.push_back(std::move(leaf));
    }

    // Groups first, then assets, each alphabetically; count leaves bottom-up.
    auto finish = [](auto&& self, Node* node) -> int {
        std::sort(node->children.begin(), node->children.end(), [](const auto& a, const auto& b) {
            const bool aGroup = a->asset < 0;
            const bool bGroup = b->asset < 0;
            if (aGroup != bGroup)
                return aGroup;
            const int c = a->label.compare(b->label, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a->label < b->label;
        });
        if (node->asset >= 0)
            return 1;
        int leaves = 0;
        for (size_t r = 0; r < node->children.size(); ++r) {
            node->children[r]->row = int(r);
            leaves += self(self, node->children[r].get());
        }
        node->leafCount = leaves;
        return leaves;
    };
    finish(finish, m_root.get());
}

NavigatorModel::Node* NavigatorModel::nodeAt(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex NavigatorModel::indexOf(const Node* node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, const_cast<Node*>(node));
}

QModelIndex NavigatorModel::indexForKey(const QString& key) const
{
    return indexOf(m_byKey.value(key));
}

const Asset* NavigatorModel::assetAt(const QModelIndex& index) const
{
    if (!index.isValid())
        return nullptr;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Node* node = nodeAt(index);
    return node->asset >= 0 ? &m_assets[node->asset] : nullptr;
}

QModelIndex NavigatorModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node* p = nodeAt(parent);
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex NavigatorModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    Q_ASSERT(checkIndex(child, CheckIndexOption::DoNotUseParent));
    return indexOf(nodeAt(child)->parent);
}

int NavigatorModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid()) {
        Q_ASSERT(checkIndex(parent, CheckIndexOption::IndexIsValid));
        if (parent.column() != 0)
            return 0;
    }
    return int(nodeAt(parent)->children.size());
}

int NavigatorModel::columnCount(const QModelIndex& parent) const
{
    Q_UNUSED(parent);
    return 1;
}

QVariant NavigatorModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Node* node = nodeAt(index);
    const Asset* asset = node->asset >= 0 ? &m_assets[node->asset] : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        return asset ? node->label : QStringLiteral("%1 (%2)").arg(node->label).arg(node->leafCount);
    case LabelRole:
        return node->label;
    case Qt::ToolTipRole:
        if (asset) {
            QString tip = asset->key + QStringLiteral("\n") + kindName(asset->kind);
            if (!asset->owner.isEmpty())
                tip += QStringLiteral(" · owner ") + asset->owner;
            return tip;
        }
        return {};
    case Qt::DecorationRole:
        return asset ? QVariant(kindIcon(asset->kind)) : QVariant();
    case AssetKeyRole:
        return asset ? asset->key : QString();
    case KindRole:
        return asset ? int(asset->kind) : -1;
    case IsGroupRole:
        return asset == nullptr;
    case FilterTextRole:
        return node->filterText;
    case LeafCountRole:
        return node->leafCount;
    default:
        return {};
    }
}

QVariant NavigatorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Asset");
    return {};
}

} // namespace sightline::ui
