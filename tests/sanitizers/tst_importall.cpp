#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QDirIterator>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

// Everything in ../shared/data through the real plugins: each file alone, each project folder as
// one snapshot, and the folders through `sightline import`. In the asan build (CTest label
// `model`, run by .ci/run) LeakSanitizer checks at exit that nothing of ours leaked, in this
// process and in the `sightline` child (whose exit code would then be 23, not 0). The counts
// below were read from the files by hand and by `sightline import` of each file alone.
class TestImportAll : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFile();
    void everyFolder();
    void commandLine();

private:
    // The project folders: every folder of ../shared/data holding a file an importer reads.
    // KEN-LJQ__MetadataGuard (OpenMetadata sample data) and LICENSES hold none.
    static QStringList projectFolders();

    ImporterRegistry m_registry;
    QTemporaryDir m_dir;
};

QStringList TestImportAll::projectFolders()
{
    QStringList folders;
    for (const char* name : {"FlipsideCrypto__axelar-models", "MarquezProject__marquez", "fivetran__dbt_ad_reporting",
                             "nholuongut__data-hub", "yu-iskw__dbt-artifacts-parser"})
        folders.append(test::sharedData(QLatin1String(name)));
    return folders;
}

void TestImportAll::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFileInfo(test::sharedDataDir()).isDir());
    const QStringList errors = m_registry.loadPlugins(test::pluginDir());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(m_registry.importers().size(), 8);
}

void TestImportAll::everyFile()
{
    QStringList files;
    QDirIterator it(test::sharedDataDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    QCOMPARE(files.size(), 70);

    const ImportRunner runner(m_registry);
    QMap<QString, int> imported; // format id -> files
    QStringList refused;
    int n = 0;
    for (const auto& file : std::as_const(files)) {
        // A fresh workspace per file: each file is imported, not found a duplicate of another.
        const ImportReport report = runner.run(m_dir.filePath(QStringLiteral("file%1.db").arg(++n)), {file});
        if (report.outcome == ImportReport::Outcome::Failed) {
            QVERIFY2(report.error.startsWith(file + u':'), qPrintable(report.error));
            QVERIFY2(report.error.contains(QLatin1String("not a format Sightline reads")), qPrintable(report.error));
            refused.append(QFileInfo(file).fileName());
            continue;
        }
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.files.size(), 1);
        ++imported[report.files.first().format];
    }
    // 49 of the 70 files are in a format Sightline reads.
    QCOMPARE(imported.value(QStringLiteral("dbt-manifest")), 19);
    QCOMPARE(imported.value(QStringLiteral("dbt-catalog")), 16);
    QCOMPARE(imported.value(QStringLiteral("dbt-run-results")), 9);
    QCOMPARE(imported.value(QStringLiteral("dbt-sources")), 1);
    QCOMPARE(imported.value(QStringLiteral("openlineage")), 4);
    QCOMPARE(imported.size(), 5);
    // The rest: OpenMetadata (10), DataHub MCEs and Tableau responses (5), README, SOURCES.tsv
    // and the 4 licence files.
    QCOMPARE(refused.size(), 21);
}

void TestImportAll::everyFolder()
{
    const QString ws = m_dir.filePath(QStringLiteral("folders.db"));
    const ImportRunner runner(m_registry);
    const ImportReport report = runner.run(ws, projectFolders());
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
    QCOMPARE(report.snapshotIds.size(), 5);
    // 49 imported, and docker__metadata.json plus the 4 DataHub files no importer reads, skipped.
    QCOMPARE(report.files.size(), 54);
    const auto skipped = std::count_if(report.files.cbegin(), report.files.cend(),
                                       [](const FileReport& f) { return !f.skipped.isEmpty(); });
    QCOMPARE(skipped, 5);
    {
        const auto workspace = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
        const WorkspaceCounts counts = workspace->counts();
        QCOMPARE(counts.snapshots, 5);
        QCOMPARE(counts.assets, 1142);
        QCOMPARE(counts.edges, 930);
    }
    // The same folders again: nothing new, nothing written.
    const ImportReport again = runner.run(ws, projectFolders());
    QCOMPARE(again.outcome, ImportReport::Outcome::NothingNew);
    QCOMPARE(again.duplicates, 5);
}

void TestImportAll::commandLine()
{
    const QString ws = m_dir.filePath(QStringLiteral("cli.db"));
    QProcess p;
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/sightline"),
            QStringList {QStringLiteral("import"), ws} + projectFolders());
    QVERIFY(p.waitForFinished(600000));
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(!err.contains("Sanitizer") && !err.contains("runtime error"), err.constData());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().contains("Imported 5 snapshots"));
}

QTEST_GUILESS_MAIN(TestImportAll)
#include "tst_importall.moc"
