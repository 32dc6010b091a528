#pragma once

#include <QPixmap>
#include <QWidget>

class QGraphicsView;

namespace sightline::ui {

// A small overview of the whole scene in a corner of the graph view, with the part the view
// shows outlined. The scene is drawn once per layout into a cached pixmap (refresh()), so panning
// and zooming only repaint a rectangle. Clicking or dragging on it centres the view there.
class LineageMiniMap : public QWidget
{
    Q_OBJECT
public:
    explicit LineageMiniMap(QGraphicsView* view);

    // Redraws the cached picture of the scene (after the items changed).
    void refresh();
    // Where the view's visible area lies on the map, in map coordinates.
    QRectF viewportOnMap() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    void place();
    QRectF mapRect() const; // where the scene is drawn inside the widget
    void centreAt(const QPointF& mapPos);
    bool eventFilter(QObject* watched, QEvent* event) override;

    QGraphicsView* m_view;
    QPixmap m_picture;
    QRectF m_sceneArea;
};

} // namespace sightline::ui
