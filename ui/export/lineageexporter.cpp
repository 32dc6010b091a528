#include "lineageexporter.h"

#include "lineage/healthstyle.h"

#include "common/kindstyle.h"
#include "export/lineageexport.h"
#include "layout/layout.h"
#include "layout/neighbourhood.h"
#include "lineage/lineageedgeitem.h"
#include "lineage/lineagenodeitem.h"

#include <QFile>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QScreen>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <map>

namespace sightline::ui {

namespace {

constexpr qreal kMargin = 24;
constexpr qreal kGap = 14; // between title, picture and legend
constexpr qreal kSwatch = 10;

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

// Text in the scene was measured against the screen's logical DPI (one scene unit = one device
// pixel there); every export device is given the same DPI so that text fills its boxes alike.
int sceneDpi()
{
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        return std::max(1, qRound(screen->logicalDotsPerInch()));
    return 96;
}

struct Page
{
    QRectF source; // scene area drawn
    QSizeF size; // the whole page in scene units
    QString title;
    std::map<QString, QColor> legend; // kind label -> colour, sorted
    QFont titleFont;
    QFont legendFont;
};

Page planPage(QGraphicsScene* scene, const QString& title)
{
    Page page;
    page.title = title;
    page.titleFont = QGuiApplication::font();
    page.titleFont.setPointSizeF(std::max<qreal>(page.titleFont.pointSizeF(), 9) * 1.35);
    page.titleFont.setWeight(QFont::DemiBold);
    page.legendFont = QGuiApplication::font();
    for (const QGraphicsItem* item : scene->items()) {
        if (!item->isVisible())
            continue;
        page.source |= item->sceneBoundingRect();
        if (const auto* node = qgraphicsitem_cast<const LineageNodeItem*>(item)) {
            page.legend.emplace(kindLabel(node->kind()), kindColor(node->kind()));
            if (node->health())
                page.legend.emplace(severityName(node->health()->severity) + QStringLiteral(" incident"),
                                    healthColor(node->health()->severity));
        }
    }
    if (page.source.isEmpty())
        page.source = QRectF(0, 0, 200, 60);
    const QFontMetricsF titleMetrics(page.titleFont);
    const QFontMetricsF legendMetrics(page.legendFont);
    qreal legendWidth = 0;
    for (const auto& entry : page.legend)
        legendWidth += kSwatch + 4 + legendMetrics.horizontalAdvance(entry.first) + 14;
    const qreal width = std::max({page.source.width(), titleMetrics.horizontalAdvance(title), legendWidth});
    const qreal height = titleMetrics.height() + kGap + page.source.height() + kGap + legendMetrics.height();
    page.size = QSizeF(std::ceil(width + 2 * kMargin), std::ceil(height + 2 * kMargin));
    return page;
}

void paintPage(QPainter* painter, QGraphicsScene* scene, const Page& page)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->fillRect(QRectF(QPointF(0, 0), page.size), Qt::white);
    const QFontMetricsF titleMetrics(page.titleFont);
    const QFontMetricsF legendMetrics(page.legendFont);
    qreal y = kMargin;
    painter->setFont(page.titleFont);
    painter->setPen(QColor(0x1f, 0x25, 0x2e));
    painter->drawText(QRectF(kMargin, y, page.size.width() - 2 * kMargin, titleMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, page.title);
    y += titleMetrics.height() + kGap;

    const QRectF target(kMargin, y, page.source.width(), page.source.height());
    scene->render(painter, target, page.source, Qt::KeepAspectRatio);
    y += page.source.height() + kGap;

    painter->setFont(page.legendFont);
    qreal x = kMargin;
    const qreal h = legendMetrics.height();
    for (const auto& [label, colour] : page.legend) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawRoundedRect(QRectF(x, y + (h - kSwatch) / 2, kSwatch, kSwatch), 2, 2);
        x += kSwatch + 4;
        painter->setPen(QColor(0x5b, 0x63, 0x70));
        const qreal w = legendMetrics.horizontalAdvance(label);
        painter->drawText(QRectF(x, y, w + 2, h), Qt::AlignLeft | Qt::AlignVCenter, label);
        x += w + 14;
    }
}

} // namespace

bool lineageExportFormatFromName(QStringView name, LineageExportRequest::Format* format)
{
    using Format = LineageExportRequest::Format;
    static const std::pair<const char*, Format> kNames[] = {
        {"svg", Format::Svg}, {"pdf", Format::Pdf}, {"png", Format::Png}, {"dot", Format::Dot}};
    for (const auto& [text, value] : kNames) {
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0) {
            if (format)
                *format = value;
            return true;
        }
    }
    return false;
}

bool exportLineageScene(QGraphicsScene* scene, LineageExportRequest::Format format, const QString& outputPath,
                        const QString& title, qreal scale, QString* error)
{
    using Format = LineageExportRequest::Format;
    if (!scene || format == Format::Dot) {
        setError(error, QStringLiteral("this format is not drawn from a scene"));
        return false;
    }
    const Page page = planPage(scene, title);
    const int dpi = sceneDpi();
    switch (format) {
    case Format::Svg: {
        QSvgGenerator svg;
        svg.setFileName(outputPath);
        svg.setResolution(dpi);
        svg.setSize(page.size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), page.size));
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("Lineage exported by Sightline"));
        QPainter painter;
        if (!painter.begin(&svg)) {
            setError(error, QStringLiteral("cannot write %1").arg(outputPath));
            return false;
        }
        paintPage(&painter, scene, page);
        return painter.end();
    }
    case Format::Pdf: {
        QPdfWriter pdf(outputPath);
        pdf.setResolution(dpi);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("Sightline"));
        const QSizeF points = page.size * 72.0 / dpi;
        pdf.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Point);
        QPainter painter;
        if (!painter.begin(&pdf)) {
            setError(error, QStringLiteral("cannot write %1").arg(outputPath));
            return false;
        }
        paintPage(&painter, scene, page);
        return painter.end();
    }
    case Format::Png: {
        scale = std::clamp<qreal>(scale, 0.25, 8);
        const QSize pixels(qCeil(page.size.width() * scale), qCeil(page.size.height() * scale));
        if (qint64(pixels.width()) * pixels.height() > qint64(400) * 1000 * 1000) {
            setError(error,
                     QStringLiteral("the image would be too large (%1 x %2 pixels); choose a smaller scale")
                         .arg(pixels.width())
                         .arg(pixels.height()));
            return false;
        }
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        const int dpm = qRound(dpi / 0.0254);
        image.setDotsPerMeterX(dpm);
        image.setDotsPerMeterY(dpm);
        {
            QPainter painter(&image);
            painter.scale(scale, scale);
            paintPage(&painter, scene, page);
        }
        if (!image.save(outputPath, "PNG")) {
            setError(error, QStringLiteral("cannot write %1").arg(outputPath));
            return false;
        }
        return true;
    }
    case Format::Dot:
        break;
    }
    return false;
}

bool exportLineage(const LineageExportRequest& request, QString* error)
{
    using Format = LineageExportRequest::Format;
    const LineageGraph::Index focus = request.graph ? request.graph->indexOf(request.focus) : LineageGraph::npos;
    if (focus == LineageGraph::npos) {
        setError(error, QStringLiteral("%1 is not in this workspace").arg(request.focus));
        return false;
    }
    const LineageGraph& graph = *request.graph;
    const QString title = request.title.isEmpty() ? QStringLiteral("Lineage of %1").arg(request.focus) : request.title;

    if (request.format == Format::Dot) {
        QFile file(request.outputPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(lineageToDot(selectLineage(graph, focus, request.upstreamDepth, request.downstreamDepth)))
                < 0) {
            setError(error, QStringLiteral("cannot write %1: %2").arg(request.outputPath, file.errorString()));
            return false;
        }
        return true;
    }

    const Neighbourhood hood =
        boundedNeighbourhood(graph, focus, request.upstreamDepth, request.downstreamDepth, kMaxLayoutNodes);
    auto style = std::make_shared<const LineageNodeStyle>(QGuiApplication::font());
    LayoutRequest layoutRequest;
    QHash<LineageGraph::Index, int> position;
    for (LineageGraph::Index n : hood.nodes) {
        position.insert(n, int(layoutRequest.nodeSizes.size()));
        layoutRequest.nodeSizes.append(style->measure(graph.asset(n)));
    }
    for (const auto& [from, to] : hood.edges)
        layoutRequest.edges.append(LayoutEdge {position.value(from), position.value(to)});
    const LayoutResult result = layout(layoutRequest);
    if (!result.ok()) {
        setError(error, QStringLiteral("the graph could not be laid out: %1").arg(result.error));
        return false;
    }

    QGraphicsScene scene;
    for (size_t i = 0; i < hood.nodes.size(); ++i)
        scene.addItem(new LineageNodeItem(graph.asset(hood.nodes[i]), result.nodes[qsizetype(i)], style, i == 0));
    for (size_t j = 0; j < hood.edges.size(); ++j) {
        const auto& [from, to] = hood.edges[j];
        scene.addItem(new LineageEdgeItem(result.edges[qsizetype(j)], graph.asset(from).key, graph.asset(to).key));
    }
    const bool ok = exportLineageScene(&scene, request.format, request.outputPath, title, request.scale, error);
    scene.clear(); // the items refer to the style: let them go first
    return ok;
}

} // namespace sightline::ui
