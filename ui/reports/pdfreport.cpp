#include "pdfreport.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>

namespace sightline::ui {

namespace {

constexpr double kMaxFigureWidth = 640; // in document pixels: the text width of an A4 page
constexpr double kFigureScale = 2; // rasterise at twice the size for print

QImage rasterise(const QString& svg)
{
    QSvgRenderer renderer(svg.toUtf8());
    if (!renderer.isValid())
        return {};
    QSizeF size = renderer.defaultSize();
    if (size.isEmpty())
        return {};
    if (size.width() > kMaxFigureWidth)
        size = size * (kMaxFigureWidth / size.width());
    QImage image((size * kFigureScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    renderer.render(&painter, QRectF(QPointF(0, 0), image.size()));
    painter.end();
    image.setDevicePixelRatio(kFigureScale);
    return image;
}

} // namespace

bool writeReportPdf(const report::HtmlReport& report, const QString& path, const QString& title, QString* error)
{
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, probe.errorString());
        return false;
    }
    probe.close();

    QTextDocument document;
    document.setDocumentMargin(0);
    for (qsizetype i = 0; i < report.figures.size(); ++i) {
        const QImage image = rasterise(report.figures[i]);
        if (!image.isNull())
            document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("figure:%1").arg(i)), image);
    }
    document.setHtml(report.html);

    QPdfWriter writer(path);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Sightline"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    document.print(&writer);
    if (QFile(path).size() == 0) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace sightline::ui
