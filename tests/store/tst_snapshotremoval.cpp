#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "store/snapshotremoval.h"
#include "store/sqlite.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
QString jaffle(const QString& version)
{
    return test::sharedData(
        QStringLiteral("yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_%1.json")
            .arg(version));
}

QString fivetran(const QString& artifact)
{
    return test::sharedData(
        QStringLiteral("fivetran__dbt_ad_reporting/docs__%1@2022-12-19_316dd1fc.json").arg(artifact));
}

// Rows of the given queries, one line each: the parts of a workspace that must come back exactly
// when a snapshot is removed (asset attributes a newer import overwrote in place cannot).
QString dumpQueries(const QString& path, const QStringList& queries)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
    QString out;
    for (const auto& query : queries) {
        auto rows = ws->db().prepare(query.toStdString());
        out += QStringLiteral("== ") + query + u'\n';
        while (rows.step()) {
            QStringList cells;
            for (int c = 0; c < rows.columnCount(); ++c)
                cells.append(rows.isNull(c) ? QStringLiteral("NULL") : rows.text(c));
            out += cells.join(u'|') + u'\n';
        }
    }
    return out;
}

const QStringList kHistory = {
    "SELECT id, key, first_snapshot, last_snapshot, retired_snapshot FROM asset ORDER BY key",
    "SELECT a.key, r.source, r.first_snapshot, r.last_snapshot, r.retired FROM asset_report r JOIN asset a ON a.id = "
    "r.asset_id ORDER BY 1, 2",
    "SELECT f.key, t.key, e.first_snapshot, e.last_snapshot, e.retired_snapshot FROM edge e JOIN asset f ON f.id = "
    "e.from_asset JOIN asset t ON t.id = e.to_asset ORDER BY 1, 2",
    "SELECT e.id, r.source, r.first_snapshot, r.last_snapshot, r.retired FROM edge_report r JOIN edge e ON e.id = "
    "r.edge_id ORDER BY 1, 2",
    "SELECT * FROM observation ORDER BY 1, 2, 3, 4",
    "SELECT * FROM run_result ORDER BY id",
    "SELECT * FROM schema_version ORDER BY id",
    "SELECT * FROM column_edge ORDER BY id",
    "SELECT * FROM snapshot ORDER BY id",
    "SELECT * FROM snapshot_source ORDER BY 1, 2",
};

QStringList currentKeys(const QString& path)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
    QStringList keys;
    for (const auto& a : ws->assets())
        keys.append(a.key);
    keys.sort();
    return keys;
}
} // namespace

class TestSnapshotRemoval : public QObject
{
    Q_OBJECT

    ImporterRegistry m_registry;

    void import(const QString& ws, const QStringList& files)
    {
        ImportRunner runner(m_registry);
        const auto report = runner.run(ws, files);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
    }

    SnapshotRemoval remove(const QString& path, qint64 id)
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        return removeSnapshot(ws->db(), id);
    }

    static qint64 count(const QString& path, const char* sql)
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
        return ws->db().queryInt(sql);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_registry.loadPlugins(test::pluginDir()).isEmpty());
    }

    // (a) Another project's snapshots (one per file), removed again, newest first: the workspace is
    // byte for byte what it was.
    void removingNewestOfOtherProjectRestoresEverything()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("ws.sightline");
        import(ws, {jaffle("1.12")});
        const QString before = test::dumpWorkspace(ws);
        import(ws, {fivetran("manifest"), fivetran("catalog"), fivetran("run_results")});
        QCOMPARE(count(ws, "SELECT count(*) FROM snapshot"), 4);
        // Checked with sqlite3 on the imported workspace: 345 observations, 215 run results
        // (run_results.json), 295 schema versions (catalog.json).
        const qint64 observations = count(ws, "SELECT count(*) FROM observation WHERE snapshot_id > 1");
        const qint64 runResults = count(ws, "SELECT count(*) FROM run_result WHERE snapshot_id > 1");
        const qint64 schemas = count(ws, "SELECT count(*) FROM schema_version WHERE snapshot_id > 1");
        QCOMPARE(observations, 345);
        QCOMPARE(runResults, 215);
        QCOMPARE(schemas, 295);
        const qint64 assets =
            count(ws, "SELECT count(*) FROM asset") - count(ws, "SELECT count(*) FROM asset WHERE first_snapshot = 1");
        QVERIFY(assets > 0);

        SnapshotRemoval total;
        for (qint64 id : {4, 3, 2}) {
            const auto removed = remove(ws, id);
            QCOMPARE(removed.snapshotId, id);
            QCOMPARE(removed.unretiredAssets, 0);
            total.observations += removed.observations;
            total.runResults += removed.runResults;
            total.schemaVersions += removed.schemaVersions;
            total.assets += removed.assets;
        }
        QCOMPARE(total.observations, int(observations));
        QCOMPARE(total.runResults, int(runResults));
        QCOMPARE(total.schemaVersions, int(schemas));
        QCOMPARE(total.assets, int(assets));
        QCOMPARE(test::dumpWorkspace(ws), before);
    }

    // (a) The newest snapshot of the same project: what it added goes, what it retired comes back.
    void removingNewestOfSameProjectUndoesRetirement()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("ws.sightline");
        import(ws, {jaffle("1.9")});
        const QString before = dumpQueries(ws, kHistory);
        const QStringList keysBefore = currentKeys(ws);
        import(ws, {jaffle("1.12")});
        const qint64 retired = count(ws, "SELECT count(*) FROM asset WHERE retired_snapshot = 2");
        QVERIFY(retired > 0);

        const auto removed = remove(ws, 2);
        QCOMPARE(removed.unretiredAssets, int(retired));
        QVERIFY(removed.assets > 0);
        QCOMPARE(currentKeys(ws), keysBefore);
        QCOMPARE(dumpQueries(ws, kHistory), before);
    }

    // (b) Removing the older snapshot keeps everything the newer one reports.
    void removingOlderKeepsWhatNewerReports()
    {
        QTemporaryDir dir;
        const QString alone = dir.filePath("alone.sightline");
        import(alone, {jaffle("1.12")});
        const QStringList expected = currentKeys(alone);

        const QString ws = dir.filePath("ws.sightline");
        import(ws, {jaffle("1.9")});
        import(ws, {jaffle("1.12")});
        const auto removed = remove(ws, 1);
        QVERIFY(removed.assets > 0); // the assets only 1.9 had (retired by 1.12)
        QCOMPARE(removed.unretiredAssets, 0);
        QCOMPARE(currentKeys(ws), expected);
        QCOMPARE(count(ws, "SELECT count(*) FROM asset WHERE retired_snapshot IS NOT NULL"), 0);
        QCOMPARE(count(ws, "SELECT count(*) FROM asset"), count(alone, "SELECT count(*) FROM asset"));
        QCOMPARE(count(ws, "SELECT count(*) FROM edge"), count(alone, "SELECT count(*) FROM edge"));
        // Every report now starts at snapshot 2 and is open (reported by the latest snapshot).
        QCOMPARE(count(ws, "SELECT count(*) FROM asset_report WHERE first_snapshot <> 2 OR last_snapshot IS NOT NULL"),
                 0);
        QCOMPARE(count(ws, "SELECT count(*) FROM edge_report WHERE first_snapshot <> 2 OR last_snapshot IS NOT NULL"),
                 0);
    }

    // A snapshot in the middle of a source's history: what is current does not change, what
    // only it reported goes, and nothing points at it any more.
    void removingMiddleKeepsCurrentState()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("ws.sightline");
        import(ws, {jaffle("1.9")});
        import(ws, {jaffle("1.10")});
        import(ws, {jaffle("1.12")});
        const QStringList current = currentKeys(ws);
        const qint64 onlyMiddle =
            count(ws,
                  "SELECT count(*) FROM asset a WHERE NOT EXISTS (SELECT 1 FROM asset_report "
                  "r WHERE r.asset_id = a.id AND (r.first_snapshot <> 2 OR r.last_snapshot IS NOT 2))");
        const auto removed = remove(ws, 2);
        QCOMPARE(removed.assets, int(onlyMiddle));
        QCOMPARE(removed.unretiredAssets, 0);
        QCOMPARE(currentKeys(ws), current);
        for (const char* column : {"first_snapshot", "last_snapshot", "retired_snapshot"}) {
            const QByteArray sql = QByteArray("SELECT count(*) FROM asset WHERE ") + column + " = 2";
            QCOMPARE(count(ws, sql.constData()), 0);
        }
        QCOMPARE(count(ws, "SELECT count(*) FROM asset_report WHERE first_snapshot = 2 OR last_snapshot = 2"), 0);
        QCOMPARE(count(ws, "SELECT count(*) FROM edge_report WHERE first_snapshot = 2 OR last_snapshot = 2"), 0);
    }

    void unknownIdChangesNothing()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("ws.sightline");
        import(ws, {jaffle("1.12")});
        const QString before = test::dumpWorkspace(ws);
        QVERIFY_THROWS_EXCEPTION(UnknownSnapshotError, remove(ws, 7));
        QCOMPARE(test::dumpWorkspace(ws), before);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotRemoval)
#include "tst_snapshotremoval.moc"
