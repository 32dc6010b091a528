#pragma once

#include "lineage/lineagegraph.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

#include <memory>

class QGraphicsScene;
class QGraphicsView;
class QLabel;
class QSpinBox;
class QStackedWidget;

namespace sightline {
struct LayoutResult;
struct Neighbourhood;
} // namespace sightline

namespace sightline::ui {

class LineageEdgeItem;
class LineageGraphicsView;
class LineageNodeItem;
struct LineageNodeStyle;

// The lineage graph around one focused asset: upstream on the left, downstream on the right,
// laid out by Graphviz dot on the layout thread (the UI never waits for it), drawn as items.
//
// Mouse: drag pans, the wheel zooms around the cursor (a touchpad's two-finger scroll pans),
// click selects, double click refocuses. Keys: arrows pan, + and - zoom, 0 or F fits, Enter
// refocuses on the selection. A neighbourhood larger than kMaxLayoutNodes (1,000) is cut to the
// nearest assets, and the toolbar says so.
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

Q_SIGNALS:
    void assetSelected(const QString& key); // single click on a node
    void assetActivated(const QString& key); // double click: the view also refocuses on it
    void layoutFinished(); // items rebuilt for the latest request

protected:
    void changeEvent(QEvent* event) override;

private:
    void relayout();
    void showMessage(const QString& message);
    void apply(const std::shared_ptr<const LineageGraph>& graph, const Neighbourhood& hood, const LayoutResult& result);
    void clearItems();
    void select(const QString& key);
    void activate(const QString& key);
    void updateEmphasis();
    void autoFit();
    void setStatus(const QString& text, bool warning = false);

    std::shared_ptr<const LineageGraph> m_graph;
    std::shared_ptr<const LineageNodeStyle> m_style;
    QString m_focus;
    QString m_selected;
    int m_upstream = 1;
    int m_downstream = 1;
    quint64 m_generation = 0; // of the latest request, for messages that need no layout
    bool m_truncated = false;
    bool m_autoFit = false; // refit on resize until the user zooms

    QSpinBox* m_upSpin;
    QSpinBox* m_downSpin;
    QLabel* m_status;
    QStackedWidget* m_stack;
    QLabel* m_message;
    QGraphicsScene* m_scene;
    LineageGraphicsView* m_view;
    QHash<QString, LineageNodeItem*> m_nodes;
    QList<LineageEdgeItem*> m_edges;
};

} // namespace sightline::ui
