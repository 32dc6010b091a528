#pragma once

#include "incidents/incidentstore.h"
#include "layout/viewcontent.h"
#include "lineage/lineagegraph.h"
#include "lineage/selector.h"
#include "lineagegraphicsview.h"

#include <QHash>
#include <QPointF>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QGraphicsScene;
class QGraphicsView;
class QLabel;
class QLineEdit;
class QMenu;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace sightline {
struct LayoutResult;
} // namespace sightline

namespace sightline::ui {

class LineageEdgeItem;
class LineageGroupItem;
class LineageMiniMap;
class LineageNodeItem;
class SelectorBox;
struct LineageNodeStyle;

// The lineage graph around one focused asset: upstream on the left, downstream on the right,
// laid out by Graphviz dot on the layout thread (the UI never waits for it), drawn as items.
//
// Mouse: drag pans, the wheel zooms around the cursor (a touchpad's two-finger scroll pans),
// click selects, double click refocuses. Keys (graph focused): arrows pan, + and - zoom, 0 or F
// fits, Enter refocuses on the selection, Ctrl+F finds, Ctrl+L goes to the selector box, U / D
// expand the selected asset upstream / downstream one level, Delete hides it (Ctrl+Delete with
// its upstream, Shift+Delete with its downstream), Insert brings hidden assets back, P starts
// "show path to…" from it, Escape cancels that or clears the path, K opens the kind/platform
// filter, O shows the overview. A selector (selector box) replaces the focus's neighbourhood by
// exactly the selected assets. A neighbourhood larger than kMaxLayoutNodes (1,000)
// is cut to the nearest assets (and the toolbar says so) unless a grouping is chosen, in which
// case it is collapsed into groups (dataset, platform, owner, team) that open in place. The
// overview (showOverview()) draws the whole estate grouped. Refocusing, expanding, hiding keep
// the node the user acted on where it was on screen. Hovering a node emphasises its direct
// neighbours; the context menu has the per-node actions below.
class LineageView : public QWidget
{
    Q_OBJECT
public:
    explicit LineageView(QWidget* parent = nullptr);
    ~LineageView() override;

    void setGraph(std::shared_ptr<const sightline::LineageGraph> graph);
    // Lays out the focus's neighbourhood asynchronously; layoutFinished() follows. An empty or
    // unknown key shows a message instead of a graph.
    void setFocusAsset(const QString& key);
    QString focusAsset() const;
    // Depths in edges from the focus; a negative depth means all the way. Defaults: 1 and 1.
    void setDepth(int upstream, int downstream);
    int upstreamDepth() const;
    int downstreamDepth() const;

    QGraphicsView* graphicsView() const;
    // Keys of the node items currently shown, sorted.
    QStringList visibleAssetKeys() const;
    QString selectedAsset() const;
    // Highlights an asset shown in the graph (or clears the selection for an empty or absent
    // key) without emitting assetSelected: for keeping the view in step with other views.
    void setSelectedAsset(const QString& key);
    // True when the last layout had to leave assets out (see kMaxLayoutNodes).
    bool isTruncated() const;
    void fitToView();

    // The whole estate, grouped (by the chosen grouping, dataset when none is chosen).
    void showOverview();
    bool isOverview() const;
    // How to collapse a picture above the cap; nullopt: cut a focused view to the nearest assets.
    void setGroupBy(std::optional<sightline::GroupBy> by);
    std::optional<sightline::GroupBy> groupBy() const;
    // Keys of the group nodes shown (group keys as groupKeyOf gives them), sorted.
    QStringList visibleGroups() const;
    void expandGroup(const QString& group);
    void collapseGroup(const QString& group);

    // Context menu actions, on an asset shown in the view.
    void focusHere(const QString& key);
    void expandUpstream(const QString& key); // its direct parents join the picture
    void expandDownstream(const QString& key);
    enum class HideScope
    {
        Asset,
        WithUpstream,
        WithDownstream,
    };
    void hideAsset(const QString& key, HideScope scope = HideScope::Asset);
    void showHidden(); // brings back everything hidden
    // Highlights the shortest path between two assets (adding its assets to the picture when
    // needed); false when they are not connected.
    bool showPath(const QString& from, const QString& to);
    QStringList highlightedPath() const;
    void clearPath();
    // Finds a shown asset by name or key (case-insensitive, exact matches first), selects and
    // centres it; when none is shown, refocuses on the first match in the graph; when nothing
    // matches and the text is a selector, applies it (see setSelector). False: none.
    bool find(const QString& text);
    // Assets of these kinds or platforms are hidden from the picture (the focus excepted).
    void setKindFilter(const QList<sightline::AssetKind>& hiddenKinds);
    void setPlatformFilter(const QStringList& hiddenPlatforms);
    // Shows exactly what a dbt selector ("+fct_x+", "tag:a,platform:b", "x --exclude y")
    // selects, instead of the focus's neighbourhood; an empty text goes back to the focus. A
    // selector that does not parse is shown in the selector box (pointing at the character) and
    // the picture stays as it was: false then.
    bool setSelector(const QString& text);
    QString selector() const; // the selector in force ("" when none)
    QString selectorError() const; // the error shown under the selector box, "" when none
    SelectorBox* selectorBox() const;
    // Incident statuses for the status: selector method.
    void setSelectorContext(const sightline::SelectorContext& context);
    // Per asset key, its most severe unresolved incident (IncidentStore::health()): node borders
    // take its colour, a legend appears, and status: selectors match its status. Call again when
    // the workspace changes; items are updated in place, no new layout.
    void setHealth(const QHash<QString, sightline::AssetHealth>& health);
    // The context menu for a node (an asset or group key as the items carry), for tests too.
    QMenu* createContextMenu(const QString& itemKey, QWidget* parent);
    // The current picture as an image file (see ui/export/lineageexporter.h).
    bool exportView(const QString& path, const QString& format, qreal scale, QString* error);
    LineageMiniMap* miniMap() const;

Q_SIGNALS:
    void assetSelected(const QString& key); // single click on a node
    void assetActivated(const QString& key); // double click: the view also refocuses on it
    void assetOpenRequested(const QString& key); // "Open asset" in the context menu
    void layoutFinished(); // items rebuilt for the latest request

protected:
    void changeEvent(QEvent* event) override;

private:
    void relayout();
    void showMessage(const QString& message);
    void apply(const std::shared_ptr<const LineageGraph>& graph, const ViewContent& content,
               const LayoutResult& result);
    void clearItems();
    void select(const QString& key);
    void activate(const QString& key);
    void updateEmphasis();
    void updateFilter();
    void hover(const QString& key);
    void autoFit();
    void setStatus(const QString& text, bool warning = false);
    void setAnchor(const QString& itemKey);
    bool restoreAnchor();
    QPointF itemCentre(const QString& itemKey) const;
    void addExtra(LineageGraph::Index index);
    void contextMenuAt(const QString& itemKey, const QPoint& globalPos);
    QString groupOfItem(const QString& itemKey) const;
    void fillFilterMenu();
    void finishWithoutLayout(quint64 generation);
    void resetSelector();
    void updateGroupHealth();
    void runCommand(LineageGraphicsView::Command command);
    bool evaluateSelector();

    std::shared_ptr<const LineageGraph> m_graph;
    std::shared_ptr<const LineageNodeStyle> m_style;
    QString m_focus;
    QString m_selected;
    int m_upstream = 1;
    int m_downstream = 1;
    quint64 m_generation = 0; // of the latest request, for messages that need no layout
    bool m_truncated = false;
    bool m_autoFit = false; // refit on resize until the user zooms
    bool m_overview = false;
    std::optional<GroupBy> m_groupBy;
    QStringList m_expandedGroups;
    QStringList m_collapsedGroups; // closed by hand after the overview opened them by itself
    QStringList m_autoExpanded; // what the last picture opened by itself
    std::vector<LineageGraph::Index> m_extra;
    std::vector<LineageGraph::Index> m_hidden;
    QStringList m_path; // asset keys, in flow order
    QString m_pathFrom; // "show path to…" waits for a click on the other end
    QList<AssetKind> m_hiddenKinds;
    QStringList m_hiddenPlatforms;
    QString m_hovered;
    QString m_selectorText; // the selector in force
    std::optional<std::vector<LineageGraph::Index>> m_selection; // what it selects in m_graph
    SelectorContext m_selectorContext;
    QHash<QString, AssetHealth> m_health;
    // Keeping the acted-on node in place: its key and where it was in the viewport.
    QString m_anchor;
    QPointF m_anchorPos;
    QString m_anchorGroup; // a group being opened: anchor on its first asset

    QSpinBox* m_upSpin;
    QSpinBox* m_downSpin;
    QComboBox* m_groupCombo;
    QLineEdit* m_search;
    SelectorBox* m_selectorBox;
    QToolButton* m_filterButton;
    QLabel* m_status;
    QLabel* m_legend;
    QStackedWidget* m_stack;
    QLabel* m_message;
    QGraphicsScene* m_scene;
    LineageGraphicsView* m_view;
    LineageMiniMap* m_miniMap;
    QHash<QString, LineageNodeItem*> m_nodes;
    QHash<QString, LineageGroupItem*> m_groups; // by item key
    QHash<QString, QString> m_groupParents; // group id -> the opened group it sits in (nested overview)
    QList<LineageEdgeItem*> m_edges;
    std::vector<int> m_nodeOfAsset; // of the picture shown (GroupedLineage::nodeOfAsset)
    std::vector<LineageGroupItem*> m_groupOfNode; // picture node -> its group item, if a group
};

} // namespace sightline::ui
