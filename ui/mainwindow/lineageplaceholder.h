#pragma once

#include <QWidget>

#include <memory>

class QGraphicsView;
class QListWidget;

namespace sightline {
class LineageGraph;
}

namespace sightline::ui {

// Stands in for ui/lineage's LineageView (same API) only while that branch is not merged, so the
// main window builds and runs; lineagewidget.h picks the real view as soon as it exists.
class LineagePlaceholder : public QWidget
{
    Q_OBJECT
public:
    explicit LineagePlaceholder(QWidget* parent = nullptr);

    void setGraph(std::shared_ptr<const LineageGraph> graph);
    void setFocusAsset(const QString& key);
    void setDepth(int upstream, int downstream);
    QString focusAsset() const
    {
        return m_focus;
    }
    QStringList visibleAssetKeys() const;
    QString selectedAsset() const;
    void fitToView() { }
    QGraphicsView* graphicsView() const
    {
        return nullptr;
    }

Q_SIGNALS:
    void assetSelected(const QString& key);
    void assetActivated(const QString& key);
    void layoutFinished();

private:
    void rebuild();

    std::shared_ptr<const LineageGraph> m_graph;
    QString m_focus;
    int m_up = 1;
    int m_down = 1;
    QListWidget* m_list;
};

} // namespace sightline::ui
