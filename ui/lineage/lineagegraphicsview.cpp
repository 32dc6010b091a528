#include "lineagegraphicsview.h"

#include "common/canvascolors.h"

#include "lineagegroupitem.h"
#include "lineagenodeitem.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QResizeEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace sightline::ui {

namespace {
constexpr qreal kKeyZoomStep = 1.25;
} // namespace

LineageGraphicsView::LineageGraphicsView(QGraphicsScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    // Every item sets the pen, brush and font it draws with and never leaves a clip or
    // transform behind, so saving the painter around each one is wasted work.
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setFocusPolicy(Qt::StrongFocus);
    setBackgroundBrush(canvasColors().background);
    setFrameShape(QFrame::NoFrame);
    viewport()->setMouseTracking(true); // for hover without a button held
}

qreal LineageGraphicsView::currentScale() const
{
    return transform().m11();
}

void LineageGraphicsView::setScale(qreal scale)
{
    scale = std::clamp(scale, kMinScale, kMaxScale);
    setTransform(QTransform::fromScale(scale, scale));
}

void LineageGraphicsView::zoomBy(qreal factor, bool aroundCursor)
{
    // Clamped as in the elastic nodes example, except that a step crossing a limit stops on it
    // (so the limits can be reached exactly).
    const qreal current = currentScale();
    const qreal target = std::clamp(current * factor, kMinScale, kMaxScale);
    if (qFuzzyCompare(target, current))
        return;
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(aroundCursor ? QGraphicsView::AnchorUnderMouse : QGraphicsView::AnchorViewCenter);
    scale(target / current, target / current);
    setTransformationAnchor(anchor);
}

void LineageGraphicsView::fitScene()
{
    if (!scene())
        return;
    const QRectF content = m_content.isValid() ? m_content : sceneRect();
    const QRectF available = viewport()->rect().adjusted(8, 8, -8, -8);
    if (content.isEmpty() || available.isEmpty())
        return;
    const qreal fit = std::min(available.width() / content.width(), available.height() / content.height());
    setScale(std::min(fit, 1.0));
    centerOn(content.center());
}

void LineageGraphicsView::setContentRect(const QRectF& rect)
{
    m_content = rect;
}

QString LineageGraphicsView::itemKeyAt(const QPoint& viewportPos) const
{
    const QList<QGraphicsItem*> hits = items(viewportPos);
    for (QGraphicsItem* item : hits) {
        if (const auto* node = qgraphicsitem_cast<LineageNodeItem*>(item))
            return node->key();
        if (const auto* group = qgraphicsitem_cast<LineageGroupItem*>(item))
            return group->key();
    }
    return QString();
}

void LineageGraphicsView::mouseMoveEvent(QMouseEvent* event)
{
    QGraphicsView::mouseMoveEvent(event);
    const QString key = event->buttons() == Qt::NoButton ? itemKeyAt(event->position().toPoint()) : QString();
    if (key != m_hovered) {
        m_hovered = key;
        Q_EMIT hovered(key);
    }
}

void LineageGraphicsView::leaveEvent(QEvent* event)
{
    QGraphicsView::leaveEvent(event);
    if (!m_hovered.isEmpty()) {
        m_hovered.clear();
        Q_EMIT hovered(QString());
    }
}

void LineageGraphicsView::contextMenuEvent(QContextMenuEvent* event)
{
    Q_EMIT contextMenuRequested(itemKeyAt(event->pos()), event->globalPos());
    event->accept();
}

LineageNodeItem* LineageGraphicsView::nodeAt(const QPoint& viewportPos) const
{
    const QList<QGraphicsItem*> hits = items(viewportPos);
    for (QGraphicsItem* item : hits) {
        if (auto* node = qgraphicsitem_cast<LineageNodeItem*>(item))
            return node;
    }
    return nullptr;
}

void LineageGraphicsView::wheelEvent(QWheelEvent* event)
{
    // A touchpad reports pixel deltas: two fingers pan, as everywhere else on the desktop; a
    // mouse wheel (or Ctrl with either) zooms around the cursor, as in map-like graph viewers.
    if (!event->pixelDelta().isNull() && !(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const int delta = event->angleDelta().y() != 0 ? event->angleDelta().y() : event->angleDelta().x();
    if (delta == 0) {
        event->ignore();
        return;
    }
    zoomBy(std::pow(1.0015, delta), true); // one notch (120) is about 20 %
    Q_EMIT userZoomed();
    event->accept();
}

bool LineageGraphicsView::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent*>(event)->matches(QKeySequence::Find)) {
        event->accept(); // deliver it here as a key press instead of the window's shortcut
        return true;
    }
    return QGraphicsView::event(event);
}

void LineageGraphicsView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Find)) {
        Q_EMIT findRequested();
        return;
    }
    const auto command = [this, event](Command c) {
        event->accept();
        Q_EMIT commandRequested(c);
    };
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (event->key() == Qt::Key_L && mods == Qt::ControlModifier)
        return command(Command::Selector);
    if (event->key() == Qt::Key_Delete) {
        return command(mods == Qt::ControlModifier     ? Command::HideWithUpstream
                           : mods == Qt::ShiftModifier ? Command::HideWithDownstream
                                                       : Command::Hide);
    }
    if (mods == Qt::NoModifier || mods == Qt::ShiftModifier) {
        switch (event->key()) {
        case Qt::Key_U:
            return command(Command::ExpandUpstream);
        case Qt::Key_D:
            return command(Command::ExpandDownstream);
        case Qt::Key_Insert:
            return command(Command::ShowHidden);
        case Qt::Key_P:
            return command(Command::PathTo);
        case Qt::Key_Escape:
            return command(Command::Cancel);
        case Qt::Key_K:
            return command(Command::Filter);
        case Qt::Key_O:
            return command(Command::Overview);
        default:
            break;
        }
    }
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(kKeyZoomStep);
        Q_EMIT userZoomed();
        return;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomBy(1 / kKeyZoomStep);
        Q_EMIT userZoomed();
        return;
    case Qt::Key_0:
    case Qt::Key_F:
        fitScene();
        Q_EMIT userZoomed();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        Q_EMIT activateSelectionRequested();
        return;
    default:
        // Arrow keys and Page Up/Down scroll (pan) through QAbstractScrollArea.
        QGraphicsView::keyPressEvent(event);
    }
}

void LineageGraphicsView::mousePressEvent(QMouseEvent* event)
{
    m_pressed = event->button() == Qt::LeftButton;
    m_pressPos = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void LineageGraphicsView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    if (!m_pressed || event->button() != Qt::LeftButton)
        return;
    m_pressed = false;
    if ((event->position().toPoint() - m_pressPos).manhattanLength() >= QApplication::startDragDistance())
        return; // that was a pan
    Q_EMIT clicked(itemKeyAt(event->position().toPoint()));
}

void LineageGraphicsView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    Q_EMIT viewportResized();
}

bool LineageGraphicsView::viewportEvent(QEvent* event)
{
    // A touchpad pinch zooms like the wheel does.
    if (event->type() == QEvent::NativeGesture) {
        const auto* gesture = static_cast<QNativeGestureEvent*>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1 + gesture->value(), true);
            Q_EMIT userZoomed();
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void LineageGraphicsView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        const QString key = itemKeyAt(event->position().toPoint());
        if (!key.isEmpty()) {
            m_pressed = false;
            Q_EMIT activated(key);
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

} // namespace sightline::ui
