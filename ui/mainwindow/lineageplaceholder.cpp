#include "lineageplaceholder.h"

#include "lineage/lineagegraph.h"

#include <QListWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace sightline::ui {

LineagePlaceholder::LineagePlaceholder(QWidget* parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    connect(m_list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { Q_EMIT assetSelected(item->data(Qt::UserRole).toString()); });
    connect(m_list, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { Q_EMIT assetActivated(item->data(Qt::UserRole).toString()); });
}

void LineagePlaceholder::setGraph(std::shared_ptr<const LineageGraph> graph)
{
    m_graph = std::move(graph);
    rebuild();
}

void LineagePlaceholder::setFocusAsset(const QString& key)
{
    m_focus = key;
    rebuild();
}

void LineagePlaceholder::setDepth(int upstream, int downstream)
{
    m_up = upstream;
    m_down = downstream;
    rebuild();
}

QStringList LineagePlaceholder::visibleAssetKeys() const
{
    QStringList keys;
    for (int i = 0; i < m_list->count(); ++i)
        keys.append(m_list->item(i)->data(Qt::UserRole).toString());
    return keys;
}

QString LineagePlaceholder::selectedAsset() const
{
    const auto* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void LineagePlaceholder::rebuild()
{
    m_list->clear();
    const auto focus = m_graph ? m_graph->indexOf(m_focus) : LineageGraph::npos;
    if (focus != LineageGraph::npos) {
        const auto sub = m_graph->neighbourhood(focus, m_up, m_down);
        for (auto n : sub.nodes) {
            auto* item = new QListWidgetItem(m_graph->asset(n).key, m_list);
            item->setData(Qt::UserRole, m_graph->asset(n).key);
        }
    }
    QTimer::singleShot(0, this, &LineagePlaceholder::layoutFinished);
}

} // namespace sightline::ui
