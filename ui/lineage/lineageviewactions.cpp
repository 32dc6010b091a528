// LineageView's per-node actions (context menu, grouping, hiding, paths, search, filters) and
// the anchoring that keeps the node acted on in place across a new layout.
#include "export/lineageexporter.h"
#include "lineageedgeitem.h"
#include "lineagegraphicsview.h"
#include "lineagegroupitem.h"
#include "lineageminimap.h"
#include "lineagenodeitem.h"
#include "lineagepath.h"
#include "lineageview.h"

#include "common/kindstyle.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGraphicsScene>
#include <QMenu>
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace sightline::ui {

void LineageView::showOverview()
{
    m_overview = true;
    m_extra.clear();
    m_path.clear();
    m_anchor.clear();
    resetSelector();
    relayout();
}

bool LineageView::isOverview() const
{
    return m_overview;
}

void LineageView::setGroupBy(std::optional<GroupBy> by)
{
    const int index = by ? m_groupCombo->findData(int(*by)) : 0;
    m_groupCombo->setCurrentIndex(std::max(index, 0));
    if (by == m_groupBy)
        return;
    m_groupBy = by;
    m_expandedGroups.clear();
    m_collapsedGroups.clear();
    relayout();
}

std::optional<GroupBy> LineageView::groupBy() const
{
    return m_groupBy;
}

QStringList LineageView::visibleGroups() const
{
    QStringList groups;
    for (const LineageGroupItem* item : std::as_const(m_groups))
        groups.append(item->group());
    groups.sort();
    return groups;
}

QString LineageView::groupOfItem(const QString& itemKey) const
{
    if (const LineageGroupItem* group = m_groups.value(itemKey))
        return group->group();
    if (const LineageNodeItem* node = m_nodes.value(itemKey))
        return node->data(0).toString();
    return QString();
}

void LineageView::expandGroup(const QString& group)
{
    if (group.isEmpty() || m_expandedGroups.contains(group))
        return;
    m_collapsedGroups.removeAll(group);
    m_expandedGroups.append(group);
    setAnchor(LineageGroupItem::itemKey(group));
    m_anchorGroup = group;
    relayout();
}

void LineageView::collapseGroup(const QString& group)
{
    if (!m_expandedGroups.contains(group) && !m_autoExpanded.contains(group))
        return;
    if (!m_expandedGroups.contains(group))
        m_collapsedGroups.append(group);
    // Groups opened inside it close with it.
    const QString inside = nestedGroupId(group, QString());
    m_expandedGroups.removeIf([&](const QString& g) { return g == group || g.startsWith(inside); });
    // Anchor on what it showed: its first asset, else its first nested group.
    QString member;
    for (const LineageNodeItem* node : std::as_const(m_nodes)) {
        const QString of = node->data(0).toString();
        if ((of == group || of.startsWith(inside)) && (member.isEmpty() || node->key() < member))
            member = node->key();
    }
    if (member.isEmpty()) {
        for (auto it = m_groupParents.cbegin(); it != m_groupParents.cend(); ++it) {
            const QString key = LineageGroupItem::itemKey(it.key());
            if ((it.value() == group || it.value().startsWith(inside)) && (member.isEmpty() || key < member))
                member = key;
        }
    }
    setAnchor(member);
    m_anchorGroup = group;
    relayout();
}

void LineageView::focusHere(const QString& key)
{
    activate(key);
}

void LineageView::addExtra(LineageGraph::Index index)
{
    if (index != LineageGraph::npos && std::find(m_extra.begin(), m_extra.end(), index) == m_extra.end())
        m_extra.push_back(index);
    m_hidden.erase(std::remove(m_hidden.begin(), m_hidden.end(), index), m_hidden.end());
}

void LineageView::expandUpstream(const QString& key)
{
    const LineageGraph::Index index = m_graph ? m_graph->indexOf(key) : LineageGraph::npos;
    if (index == LineageGraph::npos)
        return;
    addExtra(index);
    for (LineageGraph::Index parent : m_graph->upstream(index))
        addExtra(parent);
    setAnchor(key);
    relayout();
}

void LineageView::expandDownstream(const QString& key)
{
    const LineageGraph::Index index = m_graph ? m_graph->indexOf(key) : LineageGraph::npos;
    if (index == LineageGraph::npos)
        return;
    addExtra(index);
    for (LineageGraph::Index child : m_graph->downstream(index))
        addExtra(child);
    setAnchor(key);
    relayout();
}

void LineageView::hideAsset(const QString& key, HideScope scope)
{
    const LineageGraph::Index index = m_graph ? m_graph->indexOf(key) : LineageGraph::npos;
    if (index == LineageGraph::npos || key == m_focus)
        return;
    std::vector<LineageGraph::Index> gone {index};
    if (scope != HideScope::Asset) {
        const auto reached =
            scope == HideScope::WithUpstream ? m_graph->closureUp(index, -1) : m_graph->closureDown(index, -1);
        for (const auto& r : reached)
            gone.push_back(r.node);
    }
    for (LineageGraph::Index g : gone) {
        if (g != m_graph->indexOf(m_focus) && std::find(m_hidden.begin(), m_hidden.end(), g) == m_hidden.end())
            m_hidden.push_back(g);
        m_extra.erase(std::remove(m_extra.begin(), m_extra.end(), g), m_extra.end());
    }
    setAnchor(m_nodes.contains(m_focus) ? m_focus : QString());
    relayout();
}

void LineageView::showHidden()
{
    if (m_hidden.empty())
        return;
    m_hidden.clear();
    setAnchor(m_nodes.contains(m_focus) ? m_focus : QString());
    relayout();
}

bool LineageView::showPath(const QString& from, const QString& to)
{
    if (!m_graph)
        return false;
    const auto path = shortestLineagePath(*m_graph, m_graph->indexOf(from), m_graph->indexOf(to));
    if (path.empty())
        return false;
    m_path.clear();
    bool allShown = true;
    for (LineageGraph::Index n : path) {
        m_path.append(m_graph->asset(n).key);
        allShown = allShown && m_nodes.contains(m_path.last());
    }
    if (allShown) {
        for (LineageNodeItem* node : std::as_const(m_nodes))
            node->setOnPath(m_path.contains(node->key()));
        updateEmphasis();
        return true;
    }
    for (LineageGraph::Index n : path)
        addExtra(n);
    setAnchor(from);
    relayout();
    return true;
}

QStringList LineageView::highlightedPath() const
{
    return m_path;
}

void LineageView::clearPath()
{
    m_path.clear();
    for (LineageNodeItem* node : std::as_const(m_nodes))
        node->setOnPath(false);
    updateEmphasis();
}

bool LineageView::find(const QString& text)
{
    const QString needle = text.trimmed();
    if (needle.isEmpty() || !m_graph)
        return false;
    const auto matches = [&needle](const QString& key, const QString& name, bool exact) {
        return exact ? (key.compare(needle, Qt::CaseInsensitive) == 0 || name.compare(needle, Qt::CaseInsensitive) == 0)
                     : (key.contains(needle, Qt::CaseInsensitive) || name.contains(needle, Qt::CaseInsensitive));
    };
    const QStringList shown = visibleAssetKeys();
    for (bool exact : {true, false}) {
        for (const QString& key : shown) {
            const Asset& asset = m_graph->asset(m_graph->indexOf(key));
            if (m_nodes.value(key)->isVisible() && matches(asset.key, asset.name, exact)) {
                select(key);
                m_autoFit = false;
                m_view->centerOn(m_nodes.value(key));
                Q_EMIT assetSelected(key);
                return true;
            }
        }
    }
    // Not in the picture: refocus on the first match of the whole graph (by key, for determinism).
    for (bool exact : {true, false}) {
        QString best;
        for (const Asset& asset : m_graph->assets()) {
            if (matches(asset.key, asset.name, exact) && (best.isEmpty() || asset.key < best))
                best = asset.key;
        }
        if (!best.isEmpty()) {
            m_overview = false;
            m_extra.clear();
            m_selected = best;
            setFocusAsset(best);
            Q_EMIT assetSelected(best);
            return true;
        }
    }
    // No name or key matches: a selector ("tag:nightly", "+fct_x") goes to the selector box.
    try {
        if (Selector::parse(needle).isSingleName())
            return false;
    } catch (const SelectorError&) {
        return false;
    }
    return setSelector(needle) && m_selection && !m_selection->empty();
}

void LineageView::setKindFilter(const QList<AssetKind>& hiddenKinds)
{
    if (hiddenKinds == m_hiddenKinds)
        return;
    m_hiddenKinds = hiddenKinds;
    updateFilter();
}

void LineageView::setPlatformFilter(const QStringList& hiddenPlatforms)
{
    if (hiddenPlatforms == m_hiddenPlatforms)
        return;
    m_hiddenPlatforms = hiddenPlatforms;
    updateFilter();
}

void LineageView::updateFilter()
{
    // Filtered assets are left out before the layout (groups count without them, and the picture
    // closes up) rather than hidden after it.
    m_filterButton->setText(m_hiddenKinds.isEmpty() && m_hiddenPlatforms.isEmpty() ? tr("Filter") : tr("Filter •"));
    setAnchor(m_nodes.contains(m_selected) ? m_selected : m_nodes.contains(m_focus) ? m_focus : QString());
    relayout();
}

void LineageView::fillFilterMenu()
{
    QMenu* menu = m_filterButton->menu();
    menu->clear();
    menu->addSection(tr("Kinds"));
    for (AssetKind kind : allKinds()) {
        QAction* action = menu->addAction(kindLabel(kind));
        action->setCheckable(true);
        action->setChecked(!m_hiddenKinds.contains(kind));
        connect(action, &QAction::toggled, this, [this, kind](bool on) {
            QList<AssetKind> kinds = m_hiddenKinds;
            kinds.removeAll(kind);
            if (!on)
                kinds.append(kind);
            setKindFilter(kinds);
        });
    }
    QStringList platforms;
    if (m_graph) {
        QSet<QString> seen;
        for (const Asset& asset : m_graph->assets())
            seen.insert(asset.platform);
        platforms = QStringList(seen.begin(), seen.end());
        platforms.removeAll(QString());
        platforms.sort();
    }
    menu->addSection(tr("Platforms"));
    for (const QString& platform : std::as_const(platforms)) {
        QAction* action = menu->addAction(platform);
        action->setCheckable(true);
        action->setChecked(!m_hiddenPlatforms.contains(platform));
        connect(action, &QAction::toggled, this, [this, platform](bool on) {
            QStringList hidden = m_hiddenPlatforms;
            hidden.removeAll(platform);
            if (!on)
                hidden.append(platform);
            setPlatformFilter(hidden);
        });
    }
}

void LineageView::hover(const QString& key)
{
    const QString shown = m_nodes.contains(key) ? key : QString();
    if (shown == m_hovered)
        return;
    m_hovered = shown;
    updateEmphasis();
}

QPointF LineageView::itemCentre(const QString& itemKey) const
{
    if (const LineageNodeItem* node = m_nodes.value(itemKey))
        return node->sceneBoundingRect().center();
    if (const LineageGroupItem* group = m_groups.value(itemKey))
        return group->sceneBoundingRect().center();
    return QPointF(qQNaN(), qQNaN());
}

void LineageView::setAnchor(const QString& itemKey)
{
    m_anchorGroup.clear();
    const QPointF centre = itemCentre(itemKey);
    if (itemKey.isEmpty() || std::isnan(centre.x()) || m_stack->currentWidget() != m_view) {
        m_anchor.clear();
        return;
    }
    m_anchor = itemKey;
    m_anchorPos = m_view->viewportTransform().map(centre);
}

bool LineageView::restoreAnchor()
{
    const QString anchor = std::exchange(m_anchor, QString());
    const QString group = std::exchange(m_anchorGroup, QString());
    if (anchor.isEmpty())
        return false;
    QPointF centre = itemCentre(anchor);
    if (std::isnan(centre.x()) && !group.isEmpty()) {
        centre = itemCentre(LineageGroupItem::itemKey(group));
        QString first;
        for (const LineageNodeItem* node : std::as_const(m_nodes)) {
            if (std::isnan(centre.x()) && node->data(0).toString() == group && (first.isEmpty() || node->key() < first))
                first = node->key();
        }
        // A group that opened into groups: anchor on the first of them ("N more" comes last).
        const auto later = [](const QString& a, const QString& b) {
            const bool moreA = a.endsWith(QLatin1String("(more)")), moreB = b.endsWith(QLatin1String("(more)"));
            return moreA != moreB ? moreA : a > b;
        };
        for (auto it = m_groupParents.cbegin(); std::isnan(centre.x()) && it != m_groupParents.cend(); ++it) {
            const QString key = LineageGroupItem::itemKey(it.key());
            if (it.value() == group && (first.isEmpty() || later(first, key)))
                first = key;
        }
        if (!first.isEmpty())
            centre = itemCentre(first);
    }
    if (std::isnan(centre.x()))
        return false;
    // Room around the picture so that the scroll bars can put the anchor anywhere on screen.
    const qreal scale = m_view->currentScale();
    const QSizeF room = QSizeF(m_view->viewport()->size()) / scale;
    m_scene->setSceneRect(m_scene->sceneRect().adjusted(-room.width(), -room.height(), room.width(), room.height()));
    const QPointF delta = m_view->viewportTransform().map(centre) - m_anchorPos;
    m_view->horizontalScrollBar()->setValue(m_view->horizontalScrollBar()->value() + qRound(delta.x()));
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->value() + qRound(delta.y()));
    m_autoFit = false;
    return true;
}

void LineageView::contextMenuAt(const QString& itemKey, const QPoint& globalPos)
{
    if (itemKey.isEmpty())
        return;
    QMenu* menu = createContextMenu(itemKey, this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPos);
}

QMenu* LineageView::createContextMenu(const QString& itemKey, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    const auto add = [menu](const QString& text, const char* name, auto slot) {
        QAction* action = menu->addAction(text);
        action->setObjectName(QLatin1String(name));
        QObject::connect(action, &QAction::triggered, menu, slot);
        return action;
    };
    if (const LineageGroupItem* group = m_groups.value(itemKey)) {
        const QString g = group->group();
        add(tr("Open “%1” (%2 assets)").arg(group->label()).arg(group->count()), "expandGroup",
            [this, g] { expandGroup(g); });
        const QString parent = m_groupParents.value(g);
        if (!parent.isEmpty())
            add(tr("Collapse “%1”").arg(parent), "collapseGroup", [this, parent] { collapseGroup(parent); });
        return menu;
    }
    if (!m_nodes.contains(itemKey))
        return menu;
    const QString key = itemKey;
    add(tr("Focus here"), "focusHere", [this, key] { focusHere(key); });
    add(tr("Expand upstream one level"), "expandUpstream", [this, key] {
        expandUpstream(key);
    })->setShortcut(QKeySequence(Qt::Key_U));
    add(tr("Expand downstream one level"), "expandDownstream", [this, key] {
        expandDownstream(key);
    })->setShortcut(QKeySequence(Qt::Key_D));
    const QString group = m_nodes.value(key)->data(0).toString();
    if (!group.isEmpty() && (m_expandedGroups.contains(group) || m_autoExpanded.contains(group)))
        add(tr("Collapse group “%1”").arg(group), "collapseGroup", [this, group] { collapseGroup(group); });
    menu->addSeparator();
    const bool isFocus = key == m_focus;
    QAction* hide = add(tr("Hide this"), "hide", [this, key] { hideAsset(key); });
    hide->setEnabled(!isFocus);
    hide->setShortcut(QKeySequence(Qt::Key_Delete));
    QAction* hideUp =
        add(tr("Hide this and its upstream"), "hideUpstream", [this, key] { hideAsset(key, HideScope::WithUpstream); });
    hideUp->setEnabled(!isFocus);
    hideUp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));
    QAction* hideDown = add(tr("Hide this and its downstream"), "hideDownstream",
                            [this, key] { hideAsset(key, HideScope::WithDownstream); });
    hideDown->setEnabled(!isFocus);
    hideDown->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    if (!m_hidden.empty())
        add(tr("Show hidden assets"), "showHidden", [this] {
            showHidden();
        })->setShortcut(QKeySequence(Qt::Key_Insert));
    menu->addSeparator();
    add(tr("Show path to…"), "showPathTo", [this, key] {
        m_pathFrom = key;
        setStatus(tr("Click the asset to show the path to (Escape cancels)"));
    })->setShortcut(QKeySequence(Qt::Key_P));
    if (!m_path.isEmpty())
        add(tr("Clear path"), "clearPath", [this] { clearPath(); });
    menu->addSeparator();
    add(tr("Copy key"), "copyKey", [key] { QApplication::clipboard()->setText(key); });
    add(tr("Open asset"), "openAsset", [this, key] { Q_EMIT assetOpenRequested(key); });
    return menu;
}

bool LineageView::exportView(const QString& path, const QString& format, qreal scale, QString* error)
{
    LineageExportRequest::Format f;
    if (!lineageExportFormatFromName(format, &f)) {
        if (error)
            *error = tr("unknown format %1").arg(format);
        return false;
    }
    if (f == LineageExportRequest::Format::Dot) {
        LineageExportRequest request;
        request.graph = m_graph;
        request.focus = m_focus;
        request.upstreamDepth = m_upstream;
        request.downstreamDepth = m_downstream;
        request.format = f;
        request.outputPath = path;
        return exportLineage(request, error);
    }
    const QString title = m_overview
        ? tr("Lineage overview, by %1").arg(groupByName(m_groupBy.value_or(GroupBy::Dataset)))
        : tr("Lineage of %1").arg(m_focus);
    return exportLineageScene(m_scene, f, path, title, scale, error);
}

LineageMiniMap* LineageView::miniMap() const
{
    return m_miniMap;
}

} // namespace sightline::ui
