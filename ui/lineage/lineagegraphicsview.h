#pragma once

#include <QGraphicsView>

namespace sightline::ui {

class LineageNodeItem;

// The canvas of the lineage view: pans by dragging (also when the drag starts on a node), with
// the scroll bars and the arrow keys; zooms with the mouse wheel around the cursor (Ctrl+wheel
// too; a touchpad's two-finger scroll pans), with +/- and fits with 0 or F. Zoom is clamped.
// A press and release without movement is a click on whatever node lies under it.
class LineageGraphicsView : public QGraphicsView
{
    Q_OBJECT
public:
    // Keys the view itself does not act on but asks its owner to (see LineageView for the keys).
    enum class Command
    {
        ExpandUpstream,
        ExpandDownstream,
        Hide,
        HideWithUpstream,
        HideWithDownstream,
        ShowHidden,
        PathTo,
        Cancel,
        Filter,
        Overview,
        Selector,
    };
    Q_ENUM(Command)

    static constexpr qreal kMinScale = 0.05;
    static constexpr qreal kMaxScale = 4.0;

    explicit LineageGraphicsView(QGraphicsScene* scene, QWidget* parent = nullptr);

    qreal currentScale() const;
    // Keys and buttons zoom around the centre of the view, the wheel around the cursor.
    void zoomBy(qreal factor, bool aroundCursor = false);
    void setScale(qreal scale);
    // Shows the whole scene, never magnified beyond 100 %.
    void fitScene();
    // What fitScene() shows; the scene rect may be larger (room to keep a node in place).
    void setContentRect(const QRectF& rect);
    LineageNodeItem* nodeAt(const QPoint& viewportPos) const;
    // The key of the asset or group node under a viewport point, empty for none.
    QString itemKeyAt(const QPoint& viewportPos) const;

Q_SIGNALS:
    void clicked(const QString& key); // empty when the click hit no node
    void activated(const QString& key); // double click or Enter on a node
    void activateSelectionRequested(); // Enter or Return
    void userZoomed(); // by wheel or key, so automatic fitting should stop
    void viewportResized();
    void hovered(const QString& key); // the node under the mouse changed (empty: none)
    void contextMenuRequested(const QString& key, const QPoint& globalPos);
    void findRequested(); // Ctrl+F with the focus in the graph (wins over a window's Ctrl+F)
    void commandRequested(sightline::ui::LineageGraphicsView::Command command);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QRectF m_content;
    QString m_hovered;
    QPoint m_pressPos;
    bool m_pressed = false;
};

} // namespace sightline::ui
