#include "canvascolors.h"

#include "theme/theme.h"

#include <QApplication>

namespace sightline::ui {

namespace {
CanvasColors light()
{
    return {QColor(0xf6, 0xf7, 0xf9), Qt::white,
            QColor(0x1f, 0x25, 0x2e), QColor(0x5b, 0x63, 0x70),
            QColor(0xa3, 0xaa, 0xb5), QColor(0x44, 0x4c, 0x59),
            QColor(0x4a, 0x55, 0x68), QColor(0xe9, 0xec, 0xf2),
            QColor(0x7a, 0x84, 0x95)};
}

CanvasColors dark(const QPalette& palette)
{
    return {palette.color(QPalette::Base), QColor(0x1c, 0x22, 0x2a), palette.color(QPalette::Text),
            QColor(0xa8, 0xb1, 0xbb),      QColor(0x5c, 0x66, 0x72), QColor(0xc9, 0xd1, 0xd9),
            QColor(0xb0, 0xba, 0xc6),      QColor(0x2a, 0x31, 0x3a), QColor(0x8b, 0x94, 0x9e)};
}
} // namespace

const CanvasColors& canvasColors()
{
    static qint64 key = -1;
    static CanvasColors colors;
    const QPalette palette = QApplication::palette();
    if (palette.cacheKey() != key) {
        key = palette.cacheKey();
        colors = isDark(palette) ? dark(palette) : light();
    }
    return colors;
}

} // namespace sightline::ui
