#include "lineageminimap.h"

#include "common/canvascolors.h"

#include <QEvent>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace sightline::ui {

namespace {
constexpr QSize kSize(200, 130);
constexpr int kInset = 10;
} // namespace

LineageMiniMap::LineageMiniMap(QGraphicsView* view)
    : QWidget(view)
    , m_view(view)
{
    setFixedSize(kSize);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
    view->installEventFilter(this);
    const auto repaint = [this] { update(); };
    connect(view->horizontalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    place();
}

void LineageMiniMap::refresh()
{
    const QGraphicsScene* scene = m_view->scene();
    m_sceneArea = scene ? scene->itemsBoundingRect() : QRectF();
    m_picture = QPixmap(size() * devicePixelRatioF());
    m_picture.setDevicePixelRatio(devicePixelRatioF());
    m_picture.fill(Qt::transparent);
    if (scene && !m_sceneArea.isEmpty()) {
        QPainter painter(&m_picture);
        painter.setRenderHint(QPainter::Antialiasing);
        const_cast<QGraphicsScene*>(scene)->render(&painter, mapRect(), m_sceneArea, Qt::KeepAspectRatio);
    }
    place();
    update();
}

QRectF LineageMiniMap::mapRect() const
{
    const QRectF inner = QRectF(rect()).adjusted(4, 4, -4, -4);
    if (m_sceneArea.isEmpty())
        return inner;
    const qreal s = std::min(inner.width() / m_sceneArea.width(), inner.height() / m_sceneArea.height());
    const QSizeF used = m_sceneArea.size() * s;
    return QRectF(inner.center() - QPointF(used.width() / 2, used.height() / 2), used);
}

QRectF LineageMiniMap::viewportOnMap() const
{
    if (m_sceneArea.isEmpty())
        return QRectF();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    const QRectF map = mapRect();
    const qreal s = map.width() / m_sceneArea.width();
    return QRectF(map.topLeft() + (visible.topLeft() - m_sceneArea.topLeft()) * s, visible.size() * s);
}

void LineageMiniMap::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const CanvasColors& canvas = canvasColors();
    painter.setPen(QPen(canvas.groupBorder, 1));
    QColor paper = canvas.background;
    paper.setAlpha(225);
    painter.setBrush(paper);
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter.drawPixmap(0, 0, m_picture);
    painter.setClipRect(rect().adjusted(1, 1, -1, -1));
    painter.setPen(QPen(QColor(0xf0, 0x9a, 0x1a), 1.5));
    painter.setBrush(QColor(0xf0, 0x9a, 0x1a, 30));
    painter.drawRect(viewportOnMap());
}

void LineageMiniMap::centreAt(const QPointF& mapPos)
{
    const QRectF map = mapRect();
    if (m_sceneArea.isEmpty() || map.isEmpty())
        return;
    const qreal s = m_sceneArea.width() / map.width();
    m_view->centerOn(m_sceneArea.topLeft() + (mapPos - map.topLeft()) * s);
    update();
}

void LineageMiniMap::mousePressEvent(QMouseEvent* event)
{
    centreAt(event->position());
}

void LineageMiniMap::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        centreAt(event->position());
}

void LineageMiniMap::place()
{
    const QRect area = m_view->viewport()->geometry();
    move(area.right() - width() - kInset, area.bottom() - height() - kInset);
    raise();
}

bool LineageMiniMap::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        place();
    return QWidget::eventFilter(watched, event);
}

} // namespace sightline::ui
