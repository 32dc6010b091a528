#include "kindicon.h"

#include "common/kindstyle.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace sightline::ui {

QIcon kindIcon(AssetKind kind)
{
    static QHash<int, QIcon> cache;
    const auto it = cache.constFind(int(kind));
    if (it != cache.constEnd())
        return *it;
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(kindColor(kind));
        painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    }
    const QIcon icon(pixmap);
    cache.insert(int(kind), icon);
    return icon;
}

} // namespace sightline::ui
