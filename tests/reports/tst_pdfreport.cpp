#include "reportfixture.h"

#include "reports/htmlreport.h"
#include "reports/pdfreport.h"
#include "reports/reportdata.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60'000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}
} // namespace

class TestPdfReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void incidentPdf()
    {
        if (QStandardPaths::findExecutable("pdftotext").isEmpty()
            || QStandardPaths::findExecutable("pdftoppm").isEmpty())
            QSKIP("poppler-utils (pdftotext, pdftoppm) are not installed");
        QTemporaryDir dir;
        auto estate = HostileEstate::create(dir.filePath("w.sightline"));
        const auto data = collectIncidentReport(*estate.workspace, *estate.graph, estate.incidentId);
        QVERIFY(data);
        const auto html = report::incidentReportHtml(*data, {.inlineFigures = false, .breakLongWords = true});
        const QString pdf = dir.filePath("incident.pdf");
        QString error;
        QVERIFY2(ui::writeReportPdf(html, pdf, "Incident #1", &error), qPrintable(error));

        // For looking at the pages by hand.
        const QString keep = qEnvironmentVariable("SIGHTLINE_KEEP_REPORT");
        if (!keep.isEmpty())
            QFile::copy(pdf, keep);

        QString text = run("pdftotext", {"-enc", "UTF-8", pdf, "-"});
        QVERIFY(!text.isEmpty());
        text.remove(QChar(0x200B));
        // pdftotext reports ligatures (fi, fl) as single characters.
        text = text.normalized(QString::NormalizationForm_KC);
        QString flat = text.simplified();
        QVERIFY2(flat.contains("<script>alert(1)</script>"), qPrintable(flat.left(2000)));
        QVERIFY(flat.contains("Hannah Kowalski"));
        QVERIFY(flat.contains("O'Brien \"the\" <b>boss</b>"));
        QVERIFY(flat.contains("acknowledged"));
        QVERIFY(flat.contains("#finance"));
        QVERIFY(flat.contains("Lee"));
        // The very long name is printed whole, wrapped over lines rather than cut off the page.
        QString joined = text;
        joined.remove(u'\n');
        joined.remove(u' ');
        QVERIFY(joined.contains(HostileEstate::longName()));

        // Pages render, are A4 and not blank; the first page keeps its right margin white (no
        // table pushed off the page by a long name).
        const QString prefix = dir.filePath("page");
        QVERIFY(QProcess::execute("pdftoppm", {"-r", "40", "-png", pdf, prefix}) == 0);
        const QStringList pages = QDir(dir.path()).entryList({"page*.png"}, QDir::Files, QDir::Name);
        QVERIFY(!pages.isEmpty());
        QVERIFY(pages.size() <= 4);
        for (const auto& name : pages) {
            const QImage page(dir.filePath(name));
            QVERIFY(!page.isNull());
            QVERIFY(qAbs(double(page.height()) / page.width() - 297.0 / 210.0) < 0.02);
            const int margin = page.width() * 10 / 210; // the outer 10 of the 15 mm margin
            for (int y = 0; y < page.height(); y += 2) {
                for (int x = page.width() - margin; x < page.width(); ++x)
                    QVERIFY2(page.pixelColor(x, y).lightness() > 240, qPrintable(name));
            }
        }
        const QImage first(dir.filePath(pages.first()));
        int dark = 0;
        for (int y = 0; y < first.height(); ++y) {
            for (int x = 0; x < first.width(); ++x)
                dark += first.pixelColor(x, y).lightness() < 128 ? 1 : 0;
        }
        QVERIFY(dark > 500);
    }

    void unwritablePath()
    {
        QString error;
        QVERIFY(!ui::writeReportPdf({}, "/nonexistent-dir/x.pdf", "x", &error));
        QVERIFY(error.startsWith("cannot write /nonexistent-dir/x.pdf"));
    }
};

QTEST_MAIN(TestPdfReport)
#include "tst_pdfreport.moc"
