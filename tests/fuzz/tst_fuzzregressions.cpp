// Replays every input a fuzzer ever crashed on (tests/fuzz/regressions/<target>/), and the
// hand-written seeds (tests/fuzz/seeds/<target>/), through the normal build: each must be
// imported, parsed or validated, or rejected with the component's own error; never a crash or
// another exception.
#include "fuzzsink.h"
#include "import/importer.h"
#include "import/importerregistry.h"
#include "lineage/selector.h"
#include "snapshotschema.h"
#include "testutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace sightline;

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;
    // Fuzz target (folder name) -> importer format id.
    const QHash<QString, QString> m_formats = {
        {"dbt_manifest", "dbt-manifest"}, {"dbt_run_results", "dbt-run-results"}, {"dbt_sources", "dbt-sources"},
        {"dbt_catalog", "dbt-catalog"},   {"openlineage", "openlineage"},         {"bigquery", "bigquery-metadata"},
        {"looker", "looker-api"},         {"snapshot", "sightline-snapshot"},
    };

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(m_registry.loadPlugins(test::pluginDir()), QStringList());
        for (const auto& format : m_formats)
            QVERIFY2(m_registry.byFormat(format), qPrintable(format));
    }

    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        int rows = 0;
        for (const char* kind : {"regressions", "seeds"}) {
            const QDir root(QStringLiteral(SIGHTLINE_FUZZ_DIR "/") + QLatin1String(kind));
            for (const auto& target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
                QDirIterator it(root.filePath(target), QDir::Files);
                while (it.hasNext()) {
                    const QString path = it.next();
                    QTest::addRow("%s/%s/%s", kind, qPrintable(target), qPrintable(it.fileName())) << target << path;
                    ++rows;
                }
            }
        }
        QVERIFY(rows > 0);
    }

    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        try {
            if (m_formats.contains(target)) {
                const Importer* importer = m_registry.byFormat(m_formats.value(target));
                importer->detect(bytes.left(64 * 1024));
                ImportContext ctx;
                ctx.path = path;
                ctx.size = bytes.size();
                fuzz::CountingSink sink;
                try {
                    importer->import(ctx, sink);
                } catch (const ImportError& e) {
                    QVERIFY2(e.message().startsWith(path), qPrintable(e.message()));
                }
            } else if (target == u"selector") {
                try {
                    parseSelectorLine(QString::fromUtf8(bytes));
                } catch (const SelectorError& e) {
                    QVERIFY(e.position() >= 1);
                }
            } else if (target == u"snapshot_schema") {
                const JsonValue value = JsonValue::parse(bytes.cbegin(), bytes.cend(), nullptr, false);
                QStringList errors;
                if (!value.is_discarded())
                    snapshot::Schema::instance().validate(value, "", "", errors);
            } else {
                QFAIL(qPrintable("unknown fuzz target folder " + target));
            }
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QString::fromUtf8("escaped: ") + QString::fromUtf8(e.what())));
        }
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
