#include "export/lineageexporter.h"
#include "testutil.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace sightline;
using namespace sightline::ui;

namespace {

Asset asset(const QString& key, AssetKind kind, const QString& platform)
{
    Asset a;
    a.key = key;
    a.kind = kind;
    a.platform = platform;
    a.name = key.section(u'.', -1).section(u':', -1);
    return a;
}

// raw.orders -> stg_orders -> fct_orders -> revenue dashboard; raw.customers -> stg_customers -> fct_orders
std::shared_ptr<const LineageGraph> shop()
{
    const QList<Asset> assets = {
        asset("raw.shop.orders", AssetKind::Source, "bigquery"),
        asset("raw.shop.customers", AssetKind::Source, "bigquery"),
        asset("prod.staging.stg_orders", AssetKind::Model, "bigquery"),
        asset("prod.staging.stg_customers", AssetKind::Model, "bigquery"),
        asset("prod.marts.fct_orders", AssetKind::Model, "bigquery"),
        asset("looker:dashboard:revenue", AssetKind::Dashboard, "looker"),
    };
    const QList<Edge> edges = {
        {"raw.shop.orders", "prod.staging.stg_orders"},        {"raw.shop.customers", "prod.staging.stg_customers"},
        {"prod.staging.stg_orders", "prod.marts.fct_orders"},  {"prod.staging.stg_customers", "prod.marts.fct_orders"},
        {"prod.marts.fct_orders", "looker:dashboard:revenue"},
    };
    return std::make_shared<const LineageGraph>(assets, edges);
}

LineageExportRequest request(LineageExportRequest::Format format, const QString& path)
{
    LineageExportRequest r;
    r.graph = shop();
    r.focus = QStringLiteral("prod.marts.fct_orders");
    r.upstreamDepth = -1;
    r.downstreamDepth = -1;
    r.format = format;
    r.outputPath = path;
    return r;
}

} // namespace

class TestLineageExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatNames()
    {
        LineageExportRequest::Format f {};
        QVERIFY(lineageExportFormatFromName(u"SVG", &f));
        QCOMPARE(f, LineageExportRequest::Format::Svg);
        QVERIFY(lineageExportFormatFromName(u"png", &f));
        QCOMPARE(f, LineageExportRequest::Format::Png);
        QVERIFY(!lineageExportFormatFromName(u"jpeg", &f));
    }

    void svgIsVectorWithEveryLabel()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lineage.svg"));
        QString error;
        QVERIFY2(exportLineage(request(LineageExportRequest::Format::Svg, path), &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QStringList texts;
        int paths = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (xml.name() == u"text")
                    texts.append(xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed());
                else if (xml.name() == u"path")
                    ++paths;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        const QStringList labels = {"orders",
                                    "customers",
                                    "stg_orders",
                                    "stg_customers",
                                    "fct_orders",
                                    "revenue",
                                    "Lineage of prod.marts.fct_orders",
                                    "source",
                                    "model",
                                    "dashboard"};
        for (const QString& label : labels)
            QVERIFY2(texts.contains(label), qPrintable(label + QStringLiteral(" not in ") + texts.join(u'|')));
        QVERIFY(paths >= 6); // boxes and edges are shapes, not a picture
        QFile::copy(path, test::buildDir() + QStringLiteral("/lineage-export.svg"));
    }

    void pngAtTheChosenScale()
    {
        QTemporaryDir dir;
        const QString one = dir.filePath(QStringLiteral("one.png"));
        const QString two = dir.filePath(QStringLiteral("two.png"));
        auto r = request(LineageExportRequest::Format::Png, one);
        r.scale = 1;
        QString error;
        QVERIFY2(exportLineage(r, &error), qPrintable(error));
        r.outputPath = two;
        r.scale = 2;
        QVERIFY2(exportLineage(r, &error), qPrintable(error));
        const QImage a(one), b(two);
        QVERIFY(!a.isNull() && !b.isNull());
        QVERIFY(a.width() > 400 && a.height() > 100);
        QVERIFY(std::abs(b.width() - 2 * a.width()) <= 2);
        QVERIFY(std::abs(b.height() - 2 * a.height()) <= 2);
        // Not blank: the kind colours are there.
        QSet<QRgb> colours;
        for (int y = 0; y < b.height(); y += 3)
            for (int x = 0; x < b.width(); x += 3)
                colours.insert(b.pixel(x, y));
        QVERIFY(colours.size() > 20);
        QFile::copy(two, test::buildDir() + QStringLiteral("/lineage-export.png"));
    }

    void pdfAndDot()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("lineage.pdf"));
        QString error;
        QVERIFY2(exportLineage(request(LineageExportRequest::Format::Pdf, pdf), &error), qPrintable(error));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QFile::copy(pdf, test::buildDir() + QStringLiteral("/lineage-export.pdf"));

        const QString dot = dir.filePath(QStringLiteral("lineage.dot"));
        QVERIFY2(exportLineage(request(LineageExportRequest::Format::Dot, dot), &error), qPrintable(error));
        QFile dotFile(dot);
        QVERIFY(dotFile.open(QIODevice::ReadOnly));
        const QByteArray text = dotFile.readAll();
        QVERIFY(text.startsWith("digraph"));
        QVERIFY(text.contains("\"prod.staging.stg_orders\" -> \"prod.marts.fct_orders\""));
    }

    void errors()
    {
        QString error;
        auto r = request(LineageExportRequest::Format::Svg, QStringLiteral("/nonexistent/dir/x.png"));
        r.focus = QStringLiteral("nope");
        QVERIFY(!exportLineage(r, &error));
        QVERIFY(error.contains(QStringLiteral("nope")));
        r = request(LineageExportRequest::Format::Png, QStringLiteral("/nonexistent/dir/x.png"));
        QVERIFY(!exportLineage(r, &error));
    }
};

QTEST_MAIN(TestLineageExporter)
#include "tst_lineageexporter.moc"
