#include "hostilecorpus.h"
#include "testutil.h"

#include <QTest>

using namespace sightline;
using namespace sightline::test::hostile;

namespace {

const char* outcomeName(ImportReport::Outcome o)
{
    switch (o) {
    case ImportReport::Outcome::Imported:
        return "imported";
    case ImportReport::Outcome::NothingNew:
        return "nothing new";
    case ImportReport::Outcome::Failed:
        return "failed";
    case ImportReport::Outcome::Cancelled:
        return "cancelled";
    }
    return "?";
}

} // namespace

// Every importer, through ImportRunner (detection, hashing, the one transaction), on input
// derived from a valid seed of its format: cut short at every structural boundary, each value
// replaced by one of another type, and hostile payloads (huge, deep, ill-formed). Nothing may
// escape as an exception; a refused file gets "FILE:LINE:COL: reason" and leaves the workspace's
// dump as it was.
class TestHostileInput : public QObject
{
    Q_OBJECT

private:
    Harness m_harness;
    QByteArray seedOf(const QString& format)
    {
        for (const auto& s : seeds()) {
            if (s.format == format)
                return s.bytes;
        }
        return {};
    }
    void addFormatRows()
    {
        QTest::addColumn<QString>("format");
        for (const auto& s : seeds())
            QTest::addRow("%s", qPrintable(s.format)) << s.format;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_harness.ok());
    }

    // Every seed is valid, detected as its format and imports without a warning: the hostile
    // cases below differ from an accepted file only by what they do to it.
    void seedsImport_data()
    {
        addFormatRows();
    }
    void seedsImport()
    {
        QFETCH(QString, format);
        const QByteArray seed = seedOf(format);
        QVERIFY(!seed.isEmpty());
        const auto match = m_harness.registry().detect(seed.left(64 * 1024));
        QVERIFY(match.importer);
        QCOMPARE(match.importer->formatId(), format);
        const Outcome o = m_harness.importBytes(seed);
        QVERIFY2(o.crashed.isEmpty(), qPrintable(o.crashed));
        // The base workspace holds the snapshot seed already.
        QVERIFY2(o.outcome == ImportReport::Outcome::Imported || o.outcome == ImportReport::Outcome::NothingNew,
                 qPrintable(o.error));
    }

    void truncated_data()
    {
        addFormatRows();
    }
    void truncated()
    {
        QFETCH(QString, format);
        const QByteArray seed = seedOf(format);
        const auto cuts = structuralBoundaries(seed, 120);
        QVERIFY(cuts.size() >= 40);
        for (const qsizetype cut : cuts) {
            const Outcome o = m_harness.importBytes(seed.left(cut));
            const QByteArray where = "cut at byte " + QByteArray::number(cut) + " (after \"" + seed.mid(cut - 60, 60)
                + "\"): " + o.error.toUtf8();
            QVERIFY2(o.crashed.isEmpty(), qPrintable(o.crashed));
            QVERIFY2(o.outcome == ImportReport::Outcome::Failed, where.constData());
            QVERIFY2(o.error.contains(QStringLiteral("input.json")) && !o.error.contains(u'\n'), where.constData());
            QVERIFY2(o.unchanged, where.constData());
        }
        qInfo("%s: %d truncations, all refused", qPrintable(format), int(cuts.size()));
    }

    void wrongTypes_data()
    {
        addFormatRows();
    }
    void wrongTypes()
    {
        QFETCH(QString, format);
        const auto variants = wrongTypeVariants(seedOf(format), 150);
        QVERIFY(variants.size() >= 40);
        int failed = 0, warned = 0, silent = 0;
        for (const auto& bytes : variants) {
            const Outcome o = m_harness.importBytes(bytes);
            QVERIFY2(o.crashed.isEmpty(), qPrintable(o.crashed));
            if (o.outcome == ImportReport::Outcome::Failed) {
                ++failed;
                QVERIFY2(o.error.contains(QStringLiteral("input.json")) && !o.error.contains(u'\n'),
                         qPrintable(o.error));
                QVERIFY2(o.unchanged, qPrintable(o.error));
            } else {
                QVERIFY2(o.outcome == ImportReport::Outcome::Imported, outcomeName(o.outcome));
                ++(o.warnings > 0 ? warned : silent);
            }
        }
        qInfo("%s: %d wrong-type variants: %d refused, %d imported with a warning, %d imported (value ignored)",
              qPrintable(format), int(variants.size()), failed, warned, silent);
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
