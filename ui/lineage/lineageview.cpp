#include "lineageview.h"

#include "layout/layoutservice.h"
#include "layout/neighbourhood.h"
#include "lineageedgeitem.h"
#include "lineagegraphicsview.h"
#include "lineagenodeitem.h"

#include <QEvent>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
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

} // namespace

LineageView::LineageView(QWidget* parent)
    : QWidget(parent)
    , m_style(std::make_shared<const LineageNodeStyle>(font()))
    , m_upSpin(depthSpin(this, tr("How many steps upstream to show (all: every ancestor)")))
    , m_downSpin(depthSpin(this, tr("How many steps downstream to show (all: every descendant)")))
    , m_status(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(m_stack))
    , m_scene(new QGraphicsScene(this))
    , m_view(new LineageGraphicsView(m_scene, m_stack))
{
    // The scene changes as a whole on each layout; an index would only be rebuilt each time.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    m_upSpin->setValue(m_upstream);
    m_downSpin->setValue(m_downstream);

    auto* zoomOut = toolButton(this, QStringLiteral("−"), tr("Zoom out (-)"));
    auto* zoomIn = toolButton(this, QStringLiteral("+"), tr("Zoom in (+)"));
    auto* fit = toolButton(this, tr("Fit"), tr("Fit the graph into the view (0 or F)"));

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
    bar->addSpacing(12);
    bar->addWidget(m_status, 1);
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
    connect(m_view, &LineageGraphicsView::clicked, this, [this](const QString& key) {
        select(key);
        if (!key.isEmpty())
            Q_EMIT assetSelected(key);
    });
    connect(m_view, &LineageGraphicsView::activated, this, &LineageView::activate);
    connect(m_view, &LineageGraphicsView::activateSelectionRequested, this, [this] {
        if (!m_selected.isEmpty())
            activate(m_selected);
    });
    connect(m_view, &LineageGraphicsView::userZoomed, this, [this] { m_autoFit = false; });
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
    relayout();
}

void LineageView::setFocusAsset(const QString& key)
{
    m_focus = key;
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
    if (!m_graph || m_graph->size() == 0 || m_focus.isEmpty() || focus == LineageGraph::npos) {
        service->cancel(this);
        if (!m_graph || m_graph->size() == 0)
            showMessage(tr("The workspace has no lineage yet.\nImport a dbt manifest to see one."));
        else if (m_focus.isEmpty())
            showMessage(tr("Select an asset to see its lineage."));
        else
            showMessage(tr("%1 is not in this workspace.").arg(m_focus));
        // Same contract as a real layout: the signal comes later, from the event loop, and only
        // if nothing newer was asked for meanwhile.
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    Q_EMIT layoutFinished();
            },
            Qt::QueuedConnection);
        return;
    }

    auto hood = std::make_shared<const Neighbourhood>(
        boundedNeighbourhood(*m_graph, focus, m_upstream, m_downstream, kMaxLayoutNodes));
    LayoutRequest request;
    request.nodeSizes.reserve(qsizetype(hood->nodes.size()));
    QHash<LineageGraph::Index, int> position;
    for (LineageGraph::Index n : hood->nodes) {
        position.insert(n, int(request.nodeSizes.size()));
        request.nodeSizes.append(m_style->measure(m_graph->asset(n)));
    }
    request.edges.reserve(qsizetype(hood->edges.size()));
    for (const auto& [from, to] : hood->edges)
        request.edges.append(LayoutEdge {position.value(from), position.value(to)});

    setStatus(tr("Laying out…"));
    service->submit(this, std::move(request), [this, graph = m_graph, hood](const LayoutService::ResultPtr& result) {
        apply(graph, *hood, *result);
    });
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
    m_edges.clear();
    m_scene->clear();
}

void LineageView::apply(const std::shared_ptr<const LineageGraph>& graph, const Neighbourhood& hood,
                        const LayoutResult& result)
{
    if (!result.ok()) {
        showMessage(tr("The graph could not be laid out: %1").arg(result.error));
        Q_EMIT layoutFinished();
        return;
    }
    clearItems();
    for (size_t i = 0; i < hood.nodes.size(); ++i) {
        const Asset& asset = graph->asset(hood.nodes[i]);
        auto* item = new LineageNodeItem(asset, result.nodes[qsizetype(i)], m_style, i == 0);
        m_scene->addItem(item);
        m_nodes.insert(asset.key, item);
    }
    for (size_t j = 0; j < hood.edges.size(); ++j) {
        const auto& [from, to] = hood.edges[j];
        auto* item = new LineageEdgeItem(result.edges[qsizetype(j)], graph->asset(from).key, graph->asset(to).key);
        m_scene->addItem(item);
        m_edges.append(item);
    }
    m_scene->setSceneRect(result.bounds.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin));
    if (!m_nodes.contains(m_selected))
        m_selected.clear();
    updateEmphasis();

    m_truncated = hood.truncated();
    const QLocale locale;
    if (m_truncated) {
        setStatus(tr("Showing the nearest %1 of %2 assets")
                      .arg(locale.toString(qsizetype(hood.nodes.size())), locale.toString(hood.reachable)),
                  true);
    } else {
        const auto count = [&locale](size_t n, const QString& one, const QString& many) {
            return (n == 1 ? one : many).arg(locale.toString(qsizetype(n)));
        };
        setStatus(count(hood.nodes.size(), tr("%1 asset"), tr("%1 assets")) + QStringLiteral(" · ")
                  + count(hood.edges.size(), tr("%1 edge"), tr("%1 edges")));
    }
    m_stack->setCurrentWidget(m_view);
    m_autoFit = true;
    autoFit();
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
    if (!m_nodes.contains(key))
        return;
    m_selected = key;
    setFocusAsset(key);
    Q_EMIT assetActivated(key);
}

void LineageView::updateEmphasis()
{
    // Only the selection's edges: the focus stands out by itself, and emphasising its edges too
    // turns a wide fan-in into a dark block.
    for (LineageEdgeItem* edge : std::as_const(m_edges))
        edge->setEmphasised(!m_selected.isEmpty() && (edge->fromKey() == m_selected || edge->toKey() == m_selected));
}

void LineageView::setStatus(const QString& text, bool warning)
{
    m_status->setText(text);
    m_status->setStyleSheet(warning ? QStringLiteral("color: #a15c00; font-weight: 600;") : QString());
}

} // namespace sightline::ui
