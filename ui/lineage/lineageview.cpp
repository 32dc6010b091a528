#include "lineageview.h"

#include "healthstyle.h"
#include "layout/layoutservice.h"
#include "lineageedgeitem.h"
#include "lineagegraphicsview.h"
#include "lineagegroupitem.h"
#include "lineageminimap.h"
#include "lineagenodeitem.h"
#include "selectorbox.h"

#include <QComboBox>
#include <QEvent>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace sightline::ui {

namespace {

constexpr int kMaxDepthSpin = 99;
constexpr qreal kSceneMargin = 32;
// Below this scale a fitted graph is too small to read: show the focus at a readable size.
constexpr qreal kSmallestAutoFit = 0.55;
constexpr qreal kReadableScale = 0.85;

QSpinBox* depthSpin(QWidget* parent, const QString& tip)
{
    auto* spin = new QSpinBox(parent);
    spin->setRange(-1, kMaxDepthSpin);
    spin->setSpecialValueText(LineageView::tr("all"));
    spin->setToolTip(tip);
    spin->setAccelerated(true);
    return spin;
}

QToolButton* toolButton(QWidget* parent, const QString& text, const QString& tip)
{
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    return button;
}

QString groupLabel(const GroupedLineage::Node& node)
{
    return node.label.isEmpty() ? node.group : node.label;
}

// "1,234 assets · dataset"; a page of more groups says nothing about what it collects by.
QString groupCaption(const GroupedLineage::Node& node)
{
    return node.more ? QString() : groupByName(node.by);
}

} // namespace

LineageView::LineageView(QWidget* parent)
    : QWidget(parent)
    , m_style(std::make_shared<const LineageNodeStyle>(font()))
    , m_upSpin(depthSpin(this, tr("How many steps upstream to show (all: every ancestor)")))
    , m_downSpin(depthSpin(this, tr("How many steps downstream to show (all: every descendant)")))
    , m_groupCombo(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_selectorBox(new SelectorBox(this))
    , m_filterButton(toolButton(this, tr("Filter"), tr("Hide assets by kind or platform (K)")))
    , m_status(new QLabel(this))
    , m_legend(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(m_stack))
    , m_scene(new QGraphicsScene(this))
    , m_view(new LineageGraphicsView(m_scene, m_stack))
    , m_miniMap(new LineageMiniMap(m_view))
{
    // The scene changes as a whole on each layout; an index would only be rebuilt each time.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    m_upSpin->setValue(m_upstream);
    m_downSpin->setValue(m_downstream);

    auto* zoomOut = toolButton(this, QStringLiteral("−"), tr("Zoom out (-)"));
    auto* zoomIn = toolButton(this, QStringLiteral("+"), tr("Zoom in (+)"));
    auto* fit = toolButton(this, tr("Fit"), tr("Fit the graph into the view (0 or F)"));
    auto* overview = toolButton(this, tr("Overview"), tr("The whole estate, collapsed into groups (O)"));
    m_groupCombo->addItem(tr("No grouping"));
    for (GroupBy by : {GroupBy::Dataset, GroupBy::Platform, GroupBy::Owner, GroupBy::Team})
        m_groupCombo->addItem(tr("Group by %1").arg(groupByName(by)), int(by));
    m_groupCombo->setToolTip(tr("How to collapse pictures of more than %1 assets").arg(kMaxLayoutNodes));
    m_search->setPlaceholderText(tr("Find (Ctrl+F)"));
    m_search->setToolTip(tr("Find an asset by name or key (or a selector) and centre it"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(220);
    m_filterButton->setPopupMode(QToolButton::InstantPopup);
    m_legend->setObjectName(QStringLiteral("healthLegend"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setText(healthLegendHtml());
    m_legend->setToolTip(tr("Node borders: the most severe unresolved incident of the asset"));
    m_legend->setVisible(false);
    m_filterButton->setMenu(new QMenu(m_filterButton));

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    bar->setSpacing(6);
    auto* upLabel = new QLabel(tr("&Upstream"), this);
    upLabel->setBuddy(m_upSpin);
    auto* downLabel = new QLabel(tr("&Downstream"), this);
    downLabel->setBuddy(m_downSpin);
    bar->addWidget(upLabel);
    bar->addWidget(m_upSpin);
    bar->addSpacing(8);
    bar->addWidget(downLabel);
    bar->addWidget(m_downSpin);
    bar->addSpacing(8);
    bar->addWidget(m_groupCombo);
    bar->addWidget(m_filterButton);
    bar->addWidget(overview);
    bar->addWidget(m_search);
    bar->addSpacing(8);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_legend);
    bar->addWidget(zoomOut);
    bar->addWidget(zoomIn);
    bar->addWidget(fit);

    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setMargin(24);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_view);
    m_view->setToolTip(tr("Drag to pan, wheel to zoom, click to select, double-click to refocus"));

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addLayout(bar);
    column->addWidget(m_selectorBox);
    column->addWidget(m_stack, 1);

    const auto depthsChanged = [this] { setDepth(m_upSpin->value(), m_downSpin->value()); };
    connect(m_upSpin, &QSpinBox::valueChanged, this, depthsChanged);
    connect(m_downSpin, &QSpinBox::valueChanged, this, depthsChanged);
    connect(zoomIn, &QToolButton::clicked, this, [this] {
        m_autoFit = false;
        m_view->zoomBy(1.25);
    });
    connect(zoomOut, &QToolButton::clicked, this, [this] {
        m_autoFit = false;
        m_view->zoomBy(1 / 1.25);
    });
    connect(fit, &QToolButton::clicked, this, &LineageView::fitToView);
    connect(overview, &QToolButton::clicked, this, &LineageView::showOverview);
    connect(m_groupCombo, &QComboBox::activated, this, [this](int index) {
        const QVariant by = m_groupCombo->itemData(index);
        setGroupBy(by.isValid() ? std::optional<GroupBy>(GroupBy(by.toInt())) : std::nullopt);
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (!find(m_search->text()))
            setStatus(tr("Nothing matches “%1”").arg(m_search->text()), true);
    });
    connect(m_view, &LineageGraphicsView::findRequested, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_filterButton->menu(), &QMenu::aboutToShow, this, &LineageView::fillFilterMenu);
    connect(m_selectorBox, &SelectorBox::submitted, this, &LineageView::setSelector);
    connect(m_view, &LineageGraphicsView::commandRequested, this, &LineageView::runCommand);
    connect(m_view, &LineageGraphicsView::clicked, this, [this](const QString& key) {
        if (!m_pathFrom.isEmpty() && m_nodes.contains(key)) {
            const QString from = std::exchange(m_pathFrom, QString());
            if (!showPath(from, key))
                setStatus(tr("No lineage path between these two assets"), true);
            return;
        }
        select(key);
        if (m_nodes.contains(key))
            Q_EMIT assetSelected(key);
    });
    connect(m_view, &LineageGraphicsView::hovered, this, &LineageView::hover);
    connect(m_view, &LineageGraphicsView::contextMenuRequested, this, &LineageView::contextMenuAt);
    connect(m_view, &LineageGraphicsView::activated, this, &LineageView::activate);
    connect(m_view, &LineageGraphicsView::activateSelectionRequested, this, [this] {
        if (!m_selected.isEmpty())
            activate(m_selected);
    });
    connect(m_view, &LineageGraphicsView::userZoomed, this, [this] {
        m_autoFit = false;
        m_miniMap->update();
    });
    connect(m_view, &LineageGraphicsView::viewportResized, this, [this] {
        if (m_autoFit)
            autoFit();
    });

    setFocusProxy(m_view);
    relayout();
}

LineageView::~LineageView()
{
    // Items refer to the style; let them go before it does.
    clearItems();
}

void LineageView::setGraph(std::shared_ptr<const LineageGraph> graph)
{
    m_graph = std::move(graph);
    // Indices belong to one graph: what was added, hidden or opened does not carry over.
    m_extra.clear();
    m_hidden.clear();
    m_path.clear();
    m_expandedGroups.clear();
    m_collapsedGroups.clear();
    m_anchor.clear();
    evaluateSelector();
    relayout();
}

void LineageView::setFocusAsset(const QString& key)
{
    m_focus = key;
    m_overview = false;
    m_extra.clear();
    resetSelector();
    relayout();
}

QString LineageView::focusAsset() const
{
    return m_focus;
}

void LineageView::setDepth(int upstream, int downstream)
{
    upstream = std::clamp(upstream, -1, kMaxDepthSpin);
    downstream = std::clamp(downstream, -1, kMaxDepthSpin);
    {
        const QSignalBlocker blockUp(m_upSpin);
        const QSignalBlocker blockDown(m_downSpin);
        m_upSpin->setValue(upstream);
        m_downSpin->setValue(downstream);
    }
    if (upstream == m_upstream && downstream == m_downstream)
        return;
    m_upstream = upstream;
    m_downstream = downstream;
    relayout();
}

int LineageView::upstreamDepth() const
{
    return m_upstream;
}

int LineageView::downstreamDepth() const
{
    return m_downstream;
}

QGraphicsView* LineageView::graphicsView() const
{
    return m_view;
}

QStringList LineageView::visibleAssetKeys() const
{
    QStringList keys = m_nodes.keys();
    keys.sort();
    return keys;
}

QString LineageView::selectedAsset() const
{
    return m_selected;
}

void LineageView::setSelectedAsset(const QString& key)
{
    select(key);
}

bool LineageView::isTruncated() const
{
    return m_truncated;
}

void LineageView::fitToView()
{
    m_autoFit = false;
    m_view->fitScene();
}

void LineageView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        // Node sizes depend on the font: measure again and lay out again.
        clearItems();
        m_style = std::make_shared<const LineageNodeStyle>(font());
        relayout();
    }
}

void LineageView::relayout()
{
    const quint64 generation = ++m_generation;
    LayoutService* service = LayoutService::instance();
    const LineageGraph::Index focus = m_graph ? m_graph->indexOf(m_focus) : LineageGraph::npos;
    const bool hasGraph = m_graph && m_graph->size() > 0;
    const bool selecting = hasGraph && m_selection.has_value();
    const bool overview = !selecting && m_overview && hasGraph;
    if (selecting && m_selection->empty()) {
        service->cancel(this);
        showMessage(tr("Nothing matches the selector “%1”.").arg(m_selectorText));
        finishWithoutLayout(generation);
        return;
    }
    if (!selecting && !overview && (!hasGraph || m_focus.isEmpty() || focus == LineageGraph::npos)) {
        service->cancel(this);
        if (!hasGraph)
            showMessage(tr("The workspace has no lineage yet.\nImport a dbt manifest to see one."));
        else if (m_focus.isEmpty())
            showMessage(tr("Select an asset to see its lineage."));
        else
            showMessage(tr("%1 is not in this workspace.").arg(m_focus));
        finishWithoutLayout(generation);
        return;
    }

    ViewSpec spec;
    spec.selection = selecting ? m_selection : std::nullopt;
    spec.hiddenKinds = m_hiddenKinds;
    spec.hiddenPlatforms = m_hiddenPlatforms;
    spec.focus = overview ? LineageGraph::npos : focus;
    spec.upstreamDepth = m_upstream;
    spec.downstreamDepth = m_downstream;
    spec.extra = m_extra;
    spec.hidden = m_hidden;
    spec.groupBy = m_groupBy;
    spec.expandedGroups = m_expandedGroups;
    spec.collapsedGroups = m_collapsedGroups;
    auto content = std::make_shared<const ViewContent>(composeView(*m_graph, spec));
    LayoutRequest request;
    request.nodeSizes.reserve(qsizetype(content->picture.nodes.size()));
    for (const GroupedLineage::Node& node : content->picture.nodes) {
        request.nodeSizes.append(
            node.isGroup() ? LineageGroupItem::measure(font(), groupLabel(node), node.count, groupCaption(node))
                           : m_style->measure(m_graph->asset(node.asset)));
    }
    request.edges.reserve(qsizetype(content->picture.edges.size()));
    for (const GroupedLineage::BundledEdge& edge : content->picture.edges)
        request.edges.append(LayoutEdge {edge.from, edge.to});

    setStatus(tr("Laying out…"));
    service->submit(this, std::move(request), [this, graph = m_graph, content](const LayoutService::ResultPtr& result) {
        apply(graph, *content, *result);
    });
}

void LineageView::finishWithoutLayout(quint64 generation)
{
    // Same contract as a real layout: the signal comes later, from the event loop, and only if
    // nothing newer was asked for meanwhile.
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_generation)
                Q_EMIT layoutFinished();
        },
        Qt::QueuedConnection);
}

void LineageView::showMessage(const QString& message)
{
    clearItems();
    m_truncated = false;
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
    setStatus(QString());
}

void LineageView::clearItems()
{
    m_nodes.clear();
    m_groups.clear();
    m_groupParents.clear();
    m_edges.clear();
    m_nodeOfAsset.clear();
    m_groupOfNode.clear();
    m_scene->clear();
}

void LineageView::apply(const std::shared_ptr<const LineageGraph>& graph, const ViewContent& content,
                        const LayoutResult& result)
{
    if (!result.ok()) {
        showMessage(tr("The graph could not be laid out: %1").arg(result.error));
        Q_EMIT layoutFinished();
        return;
    }
    clearItems();
    const GroupedLineage& picture = content.picture;
    m_autoExpanded = picture.autoExpanded;
    QStringList itemKeys;
    itemKeys.reserve(qsizetype(picture.nodes.size()));
    m_nodeOfAsset = picture.nodeOfAsset;
    m_groupOfNode.assign(picture.nodes.size(), nullptr);
    for (size_t i = 0; i < picture.nodes.size(); ++i) {
        const GroupedLineage::Node& node = picture.nodes[i];
        const QRectF rect = result.nodes[qsizetype(i)];
        if (node.isGroup()) {
            auto* item =
                new LineageGroupItem(node.group, groupLabel(node), node.count, groupCaption(node), rect, font());
            m_scene->addItem(item);
            m_groups.insert(item->key(), item);
            m_groupOfNode[i] = item;
            if (!node.parent.isEmpty())
                m_groupParents.insert(node.group, node.parent);
            itemKeys.append(item->key());
            continue;
        }
        const Asset& asset = graph->asset(node.asset);
        auto* item = new LineageNodeItem(asset, rect, m_style, asset.key == m_focus && !m_overview);
        item->setCounts(graph->upstream(node.asset).size(), graph->downstream(node.asset).size());
        if (const auto health = m_health.constFind(asset.key); health != m_health.cend())
            item->setHealth(*health);
        item->setData(0, node.group);
        m_scene->addItem(item);
        m_nodes.insert(asset.key, item);
        itemKeys.append(asset.key);
    }
    for (size_t j = 0; j < picture.edges.size(); ++j) {
        const GroupedLineage::BundledEdge& edge = picture.edges[j];
        auto* item = new LineageEdgeItem(result.edges[qsizetype(j)], itemKeys[edge.from], itemKeys[edge.to]);
        item->setCount(edge.count);
        m_scene->addItem(item);
        m_edges.append(item);
    }
    const QRectF bounds = result.bounds.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin);
    m_view->setContentRect(bounds);
    m_scene->setSceneRect(bounds);
    if (!m_nodes.contains(m_selected))
        m_selected.clear();
    m_hovered.clear();
    for (const QString& key : std::as_const(m_path)) {
        if (LineageNodeItem* node = m_nodes.value(key))
            node->setOnPath(true);
    }
    updateEmphasis();
    updateGroupHealth();

    m_truncated = content.truncated;
    const QLocale locale;
    const auto count = [&locale](qsizetype n, const QString& one, const QString& many) {
        return (n == 1 ? one : many).arg(locale.toString(n));
    };
    if (m_truncated) {
        setStatus(tr("Showing the nearest %1 of %2 assets")
                      .arg(locale.toString(qsizetype(picture.nodes.size())), locale.toString(content.reachable)),
                  true);
    } else if (content.grouped) {
        QString text = count(content.reachable, tr("%1 asset"), tr("%1 assets")) + QStringLiteral(" in ")
            + count(m_groups.size(), tr("%1 group"), tr("%1 groups"));
        if (picture.droppedEdges > 0)
            text += tr(" · %1 thinnest group links not drawn").arg(locale.toString(picture.droppedEdges));
        if (!picture.refusedExpansions.isEmpty())
            text += tr(" · %1 stays closed: opening it would pass %2 nodes")
                        .arg(picture.refusedExpansions.join(QStringLiteral(", ")), locale.toString(kMaxLayoutNodes));
        setStatus(text, !picture.refusedExpansions.isEmpty());
    } else {
        setStatus((m_selection ? tr("Selected: ") : QString())
                  + count(qsizetype(picture.nodes.size()), tr("%1 asset"), tr("%1 assets")) + QStringLiteral(" · ")
                  + count(qsizetype(picture.edges.size()), tr("%1 edge"), tr("%1 edges")));
    }
    m_stack->setCurrentWidget(m_view);
    if (!restoreAnchor()) {
        m_autoFit = true;
        autoFit();
    }
    m_miniMap->refresh();
    Q_EMIT layoutFinished();
}

void LineageView::autoFit()
{
    m_view->fitScene();
    if (m_view->currentScale() >= kSmallestAutoFit)
        return;
    m_view->setScale(kReadableScale);
    if (const LineageNodeItem* focus = m_nodes.value(m_focus))
        m_view->centerOn(focus);
}

void LineageView::select(const QString& key)
{
    m_selected = m_nodes.contains(key) ? key : QString();
    for (LineageNodeItem* node : std::as_const(m_nodes))
        node->setHighlighted(node->key() == m_selected);
    updateEmphasis();
}

void LineageView::activate(const QString& key)
{
    if (m_groups.contains(key)) {
        expandGroup(groupOfItem(key));
        return;
    }
    if (!m_nodes.contains(key))
        return;
    m_selected = key;
    setAnchor(key);
    m_overview = false;
    m_extra.clear();
    m_path.clear();
    setFocusAsset(key);
    Q_EMIT assetActivated(key);
}

void LineageView::updateEmphasis()
{
    // Only the selection's edges: the focus stands out by itself, and emphasising its edges too
    // turns a wide fan-in into a dark block.
    const QString& lit = m_hovered.isEmpty() ? m_selected : m_hovered;
    QSet<QString> neighbours;
    QSet<QString> onPath(m_path.begin(), m_path.end());
    for (LineageEdgeItem* edge : std::as_const(m_edges)) {
        const bool touches = !lit.isEmpty() && (edge->fromKey() == lit || edge->toKey() == lit);
        edge->setEmphasised(touches);
        edge->setOnPath(onPath.contains(edge->fromKey()) && onPath.contains(edge->toKey())
                        && std::abs(m_path.indexOf(edge->fromKey()) - m_path.indexOf(edge->toKey())) == 1);
        if (touches && !m_hovered.isEmpty())
            neighbours.insert(edge->fromKey() == lit ? edge->toKey() : edge->fromKey());
    }
    for (LineageNodeItem* node : std::as_const(m_nodes))
        node->setNeighbour(neighbours.contains(node->key()));
}

void LineageView::setStatus(const QString& text, bool warning)
{
    m_status->setText(text);
    m_status->setStyleSheet(warning ? QStringLiteral("color: #a15c00; font-weight: 600;") : QString());
}

} // namespace sightline::ui
