#include "kindstyle.h"

namespace sightline::ui {

QColor kindColor(AssetKind kind)
{
    switch (kind) {
    case AssetKind::Source:
        return QColor(0x2e, 0x9d, 0x5b); // green: where data enters
    case AssetKind::Model:
        return QColor(0x2f, 0x6f, 0xd6); // blue
    case AssetKind::Seed:
        return QColor(0x8a, 0x5c, 0xc7); // violet
    case AssetKind::Snapshot:
        return QColor(0xc7, 0x7a, 0x1e); // amber
    case AssetKind::Dashboard:
    case AssetKind::Look:
    case AssetKind::Explore:
    case AssetKind::Notebook:
    case AssetKind::Analysis:
    case AssetKind::Ml:
    case AssetKind::Application:
        return QColor(0xd1, 0x4d, 0x72); // rose: where people look
    case AssetKind::Job:
        return QColor(0x6b, 0x72, 0x80); // grey
    case AssetKind::Table:
    case AssetKind::View:
        return QColor(0x1f, 0x8a, 0x9c); // teal
    }
    return QColor(Qt::gray);
}

QString kindLabel(AssetKind kind)
{
    return kindName(kind);
}

} // namespace sightline::ui
