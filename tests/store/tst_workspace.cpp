#include "store/schema.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"
#include "testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
Asset makeAsset(const QString& key, AssetKind kind, const QString& owner = {})
{
    Asset a;
    a.key = key;
    a.kind = kind;
    a.platform = QStringLiteral("bigquery");
    a.name = key.section(u'.', -1);
    a.owner = owner;
    a.systems = {QStringLiteral("dbt")};
    return a;
}

qint64 addSnapshot(Workspace& ws, const QString& hash)
{
    auto stmt = ws.db().prepare(
        "INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('test', 'x', ?1, 0)");
    stmt.bind(1, hash).exec();
    return ws.db().lastInsertRowId();
}
} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsWithSchemaAndWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.sightline"));
        auto ws = Workspace::open(path, Workspace::OpenMode::Create);
        QCOMPARE(ws->schemaVersion(), schema::currentVersion());
        QCOMPARE(ws->db().queryInt("PRAGMA application_id"), qint64(schema::kApplicationId));
        QCOMPARE(ws->db().queryInt("PRAGMA foreign_keys"), qint64(1));
        auto mode = ws->db().prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), QStringLiteral("wal"));
        for (const char* table :
             {"snapshot", "asset", "asset_column", "schema_version", "edge", "column_edge", "observation_point",
              "observation_day", "incident", "incident_event", "annotation", "incident_group"}) {
            auto stmt = ws->db().prepare("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name=?1");
            stmt.bind(1, QString::fromLatin1(table));
            QVERIFY(stmt.step());
            QVERIFY2(stmt.int64(0) == 1, table);
        }
        // Readers keep the version-1 shape of observations (schema v3 made it a view).
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM sqlite_schema WHERE type='view' AND name='observation'"), 1);
    }

    void reopenKeepsContent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.sightline"));
        {
            auto ws = Workspace::open(path, Workspace::OpenMode::Create);
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, addSnapshot(*ws, QStringLiteral("h1")));
            w.beginSource(QStringLiteral("dbt:p"),
                          QDateTime::fromString(QStringLiteral("2024-01-02T03:04:05Z"), Qt::ISODate));
            w.asset(makeAsset(QStringLiteral("p.d.a"), AssetKind::Source, QStringLiteral("ann")));
            w.asset(makeAsset(QStringLiteral("p.d.b"), AssetKind::Model));
            w.edge(QStringLiteral("p.d.a"), QStringLiteral("p.d.b"));
            w.finish();
            tx.commit();
        }
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        const auto assets = ws->assets();
        QCOMPARE(assets.size(), 2);
        QCOMPARE(assets[0].key, QStringLiteral("p.d.a"));
        QCOMPARE(assets[0].owner, QStringLiteral("ann"));
        QCOMPARE(assets[1].kind, AssetKind::Model);
        QCOMPARE(ws->edges(), QList<Edge>({Edge {QStringLiteral("p.d.a"), QStringLiteral("p.d.b")}}));
        QCOMPARE(ws->dataTime(), QDateTime::fromString(QStringLiteral("2024-01-02T03:04:05Z"), Qt::ISODate));
    }

    void mergesByKindRank()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("a.sightline")), Workspace::OpenMode::Create);
        sql::Transaction tx(ws->db());
        WorkspaceWriter w(*ws, addSnapshot(*ws, QStringLiteral("h")));
        w.beginSource(QStringLiteral("dbt:p"), {});
        w.asset(makeAsset(QStringLiteral("p.d.t"), AssetKind::Model, QStringLiteral("owner1")));
        w.beginSource(QStringLiteral("bigquery:p"), {});
        Asset table = makeAsset(QStringLiteral("p.d.t"), AssetKind::Table);
        table.systems = {QStringLiteral("bigquery")};
        w.asset(table);
        w.finish();
        tx.commit();
        const auto a = ws->asset(QStringLiteral("p.d.t"));
        QVERIFY(a);
        QCOMPARE(a->kind, AssetKind::Model); // a dbt model stays a model when the warehouse reports it
        QCOMPARE(a->owner, QStringLiteral("owner1"));
        QCOMPARE(a->systems, QStringList({QStringLiteral("dbt"), QStringLiteral("bigquery")}));
    }

    void retiresWhatANewerSnapshotOfTheSameSourceLacks()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("a.sightline")), Workspace::OpenMode::Create);
        for (int round = 0; round < 2; ++round) {
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, addSnapshot(*ws, QStringLiteral("h%1").arg(round)));
            w.beginSource(QStringLiteral("dbt:p"), {});
            w.asset(makeAsset(QStringLiteral("p.d.keep"), AssetKind::Model));
            if (round == 0) {
                w.asset(makeAsset(QStringLiteral("p.d.gone"), AssetKind::Model));
                w.edge(QStringLiteral("p.d.gone"), QStringLiteral("p.d.keep"));
            }
            w.finish();
            tx.commit();
        }
        QCOMPARE(ws->assets().size(), 1);
        QCOMPARE(ws->assets(true).size(), 2);
        QVERIFY(ws->edges().isEmpty());
        QCOMPARE(ws->edges(true).size(), 1);
        QVERIFY(ws->asset(QStringLiteral("p.d.gone"))->retired);
    }

    // Re-reported assets and edges that change nothing take the writer's fast path: their
    // snapshots, reports and retirement must still move exactly as for changed ones.
    void unchangedReportsStayCurrentAndComeBack()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("a.sightline")), Workspace::OpenMode::Create);
        qint64 last = 0;
        for (int round = 0; round < 3; ++round) {
            sql::Transaction tx(ws->db());
            last = addSnapshot(*ws, QStringLiteral("h%1").arg(round));
            WorkspaceWriter w(*ws, last);
            w.beginSource(QStringLiteral("dbt:p"), {});
            w.asset(
                makeAsset(QStringLiteral("p.d.keep"), AssetKind::Model, round == 2 ? QStringLiteral("o2") : QString()));
            if (round != 1) {
                w.asset(makeAsset(QStringLiteral("p.d.back"), AssetKind::Model));
                w.edge(QStringLiteral("p.d.back"), QStringLiteral("p.d.keep"));
            }
            w.finish();
            tx.commit();
            if (round == 1)
                QVERIFY(ws->asset(QStringLiteral("p.d.back"))->retired);
        }
        QCOMPARE(ws->assets().size(), 2);
        QCOMPARE(ws->edges().size(), 1);
        QVERIFY(!ws->asset(QStringLiteral("p.d.back"))->retired);
        QCOMPARE(ws->asset(QStringLiteral("p.d.keep"))->owner, QStringLiteral("o2"));
        // Current and reported by the latest snapshot: open intervals (last_snapshot NULL).
        QCOMPARE(
            ws->db().queryInt("SELECT count(*) FROM asset WHERE last_snapshot IS NULL AND retired_snapshot IS NULL"),
            2);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM asset_report WHERE retired = 0 AND last_snapshot IS NULL"), 2);
        QCOMPARE(
            ws->db().queryInt("SELECT count(*) FROM edge WHERE retired_snapshot IS NULL AND last_snapshot IS NULL"), 1);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM edge_report WHERE retired = 0 AND last_snapshot IS NULL"), 1);
        // "back" was dropped by the second snapshot and reported again by the third: its report
        // reopened and kept the snapshot that first reported it.
        QCOMPARE(ws->db().queryInt("SELECT r.first_snapshot FROM asset_report r JOIN asset a ON a.id = r.asset_id "
                                   "WHERE a.key = 'p.d.back'"),
                 last - 2);
    }

    void storesMeasurementsResultsAndAliases()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("a.sightline")), Workspace::OpenMode::Create);
        const auto t1 = QDateTime::fromString(QStringLiteral("2024-03-01T00:00:00Z"), Qt::ISODate);
        sql::Transaction tx(ws->db());
        WorkspaceWriter w(*ws, addSnapshot(*ws, QStringLiteral("h")));
        w.beginSource(QStringLiteral("dbt:p"), t1);
        w.asset(makeAsset(QStringLiteral("p.d.a"), AssetKind::Model));
        w.asset(makeAsset(QStringLiteral("p.d.b"), AssetKind::Model));
        w.assetAlias(QStringLiteral("dbt:node:model.p.a"), QStringLiteral("p.d.a"));
        w.assetAlias(QStringLiteral("dbt:node:test.p.not_null_a"), QStringLiteral("p.d.a"));
        w.observation({QStringLiteral("dbt:node:model.p.a"), {}, QStringLiteral("row_count"), t1, 42});
        w.observation({QStringLiteral("p.d.a"), {}, QStringLiteral("row_count"), t1, 42}); // identical: once
        w.observation({QStringLiteral("p.d.a"), QStringLiteral("id"), QStringLiteral("null_rate"), t1, 0.5});
        w.observation({QStringLiteral("nope"), {}, QStringLiteral("row_count"), t1, 1}); // unknown: warning
        RunResult r;
        r.assetKey = QStringLiteral("dbt:node:test.p.not_null_a");
        r.kind = RunResult::Kind::Test;
        r.name = QStringLiteral("not_null_a");
        r.status = QStringLiteral("fail");
        r.at = t1;
        w.runResult(r);
        w.columnEdge(
            {QStringLiteral("p.d.a"), QStringLiteral("id"), QStringLiteral("p.d.b"), QStringLiteral("a_id"), {}});
        w.finish();
        tx.commit();
        QCOMPARE(w.observationCount(), 2);
        QCOMPARE(w.resultCount(), 1);
        QCOMPARE(w.columnEdgeCount(), 1);
        QVERIFY(w.warnings().join(u'\n').contains(QStringLiteral("nope")));
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation"), 2);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM run_result WHERE status = 'fail' AND kind = 'test'"), 1);
        QCOMPARE(ws->db().queryInt("SELECT observation_count FROM snapshot"), 2);
    }

    void documentedColumnsNeverMakeSchemaVersions()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("a.sightline")), Workspace::OpenMode::Create);
        auto write = [&](const QString& hash, Asset a) {
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, addSnapshot(*ws, hash));
            w.beginSource(a.physicalColumns ? QStringLiteral("catalog:p") : QStringLiteral("dbt:p"), {});
            w.asset(a);
            w.finish();
            tx.commit();
        };
        Asset documented = makeAsset(QStringLiteral("p.d.a"), AssetKind::Model);
        documented.columns = {{QStringLiteral("id"), {}, 0, QStringLiteral("The key")}};
        write(QStringLiteral("h1"), documented);
        QCOMPARE(ws->asset(QStringLiteral("p.d.a"))->columns.size(), 1);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM schema_version"), 0);

        Asset physical = makeAsset(QStringLiteral("p.d.a"), AssetKind::Table);
        physical.physicalColumns = true;
        physical.columns = {{QStringLiteral("ID"), QStringLiteral("INT64"), 1, {}},
                            {QStringLiteral("NAME"), QStringLiteral("STRING"), 2, {}}};
        write(QStringLiteral("h2"), physical);
        auto a = ws->asset(QStringLiteral("p.d.a"));
        QCOMPARE(a->kind, AssetKind::Model);
        QCOMPARE(a->columns.size(), 2);
        QCOMPARE(a->columns[0].type, QStringLiteral("INT64"));
        QCOMPARE(a->columns[0].description, QStringLiteral("The key")); // kept across the warehouse's view
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM schema_version"), 1);

        write(QStringLiteral("h3"), documented); // the manifest again: no schema change, types stay
        a = ws->asset(QStringLiteral("p.d.a"));
        QCOMPARE(a->columns.size(), 2);
        QCOMPARE(a->columns[0].type, QStringLiteral("INT64"));
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM schema_version"), 1);

        physical.columns.removeLast(); // a dropped column is a new schema version
        write(QStringLiteral("h4"), physical);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM schema_version"), 2);
    }

    void rollbackLeavesWorkspaceUnchanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.sightline"));
        {
            auto ws = Workspace::open(path, Workspace::OpenMode::Create);
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, addSnapshot(*ws, QStringLiteral("h1")));
            w.asset(makeAsset(QStringLiteral("p.d.a"), AssetKind::Source));
            w.finish();
            tx.commit();
        }
        const QString before = test::dumpWorkspace(path);
        {
            auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, addSnapshot(*ws, QStringLiteral("h2")));
            w.asset(makeAsset(QStringLiteral("p.d.b"), AssetKind::Model));
            // no commit: the transaction rolls back as an import that failed would
        }
        QCOMPARE(test::dumpWorkspace(path), before);
    }

    void refusesForeignFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addRow("text") << QByteArray("hello, this is not a database\n");
        QTest::addRow("json") << QByteArray("{\"metadata\": {}}");
        QTest::addRow("empty") << QByteArray();
    }

    void refusesForeignFiles()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("foreign.sightline"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, Workspace::open(path, Workspace::OpenMode::ReadWrite));
        QFile check(path);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), content);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void refusesOtherSqliteDatabases()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        {
            sql::Database db(path, sql::Database::Mode::ReadWriteCreate);
            db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        try {
            Workspace::open(path, Workspace::OpenMode::Create);
            QFAIL("opened a foreign database");
        } catch (const WorkspaceError& e) {
            QCOMPARE(e.reason(), WorkspaceError::Reason::NotAWorkspace);
            QVERIFY(e.message().contains(QStringLiteral("not a Sightline workspace")));
        }
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void refusesNewerVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.sightline"));
        {
            auto ws = Workspace::open(path, Workspace::OpenMode::Create);
            ws->db().exec("PRAGMA user_version = 999");
            ws->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        try {
            Workspace::open(path, Workspace::OpenMode::ReadWrite);
            QFAIL("opened a newer workspace");
        } catch (const WorkspaceError& e) {
            QCOMPARE(e.reason(), WorkspaceError::Reason::NewerVersion);
            QVERIFY(e.message().contains(QStringLiteral("newer")));
        }
    }

    // The GUI creates a workspace and keeps it open; its first transaction may still be in the
    // write-ahead log when the command line opens the same file.
    void opensAWorkspaceWhoseCreationIsStillInTheLog()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.sightline"));
        auto first = Workspace::open(path, Workspace::OpenMode::Create);
        QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
        auto second = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        QCOMPARE(second->schemaVersion(), first->schemaVersion());
        auto reader = Workspace::open(path, Workspace::OpenMode::ReadOnly);
        QCOMPARE(reader->counts().assets, 0);
    }

    // A foreign database in WAL mode whose header is still blank is refused once SQLite reads it.
    void refusesAForeignDatabaseWhoseHeaderIsInTheLog()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        sql::Database foreign(path, sql::Database::Mode::ReadWriteCreate);
        foreign.exec("PRAGMA journal_mode = WAL");
        foreign.exec("PRAGMA wal_autocheckpoint = 0");
        foreign.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
        QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);
        try {
            Workspace::open(path, Workspace::OpenMode::ReadWrite);
            QFAIL("opened a foreign database");
        } catch (const WorkspaceError& e) {
            QCOMPARE(e.reason(), WorkspaceError::Reason::NotAWorkspace);
        }
        QCOMPARE(foreign.queryInt("SELECT count(*) FROM sqlite_master"), 1);
        QCOMPARE(foreign.queryInt("PRAGMA user_version"), 0);
    }

    void missingFileIsAnError()
    {
        QTemporaryDir dir;
        QVERIFY_THROWS_EXCEPTION(
            WorkspaceError,
            Workspace::open(dir.filePath(QStringLiteral("none.sightline")), Workspace::OpenMode::ReadWrite));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.sightline"))));
    }

    void contentUrlKeys_data()
    {
        QTest::addColumn<AssetKind>("kind");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        const QString d7 = QStringLiteral("https://looker.example.com/dashboards/7");
        QTest::addRow("plain") << AssetKind::Dashboard << d7 << d7;
        QTest::addRow("host case, slash") << AssetKind::Dashboard << "https://Looker.Example.com/dashboards/7/" << d7;
        QTest::addRow("query, fragment") << AssetKind::Dashboard << "https://looker.example.com/dashboards/7?f=1#t"
                                         << d7;
        QTest::addRow("http") << AssetKind::Dashboard << "http://looker.example.com/dashboards/7" << d7;
        QTest::addRow("dashboards-next") << AssetKind::Dashboard << "https://looker.example.com/dashboards-next/7"
                                         << d7;
        QTest::addRow("port") << AssetKind::Look << "https://bi.example.com:9999/looks/3"
                              << "https://bi.example.com:9999/looks/3";
        QTest::addRow("path case kept") << AssetKind::Notebook << "https://nb.example.com/Team/Notebook"
                                        << "https://nb.example.com/Team/Notebook";
        QTest::addRow("relative") << AssetKind::Dashboard << "/dashboards/7" << QString();
        QTest::addRow("not http") << AssetKind::Dashboard << "ftp://looker.example.com/dashboards/7" << QString();
        QTest::addRow("no host") << AssetKind::Dashboard << "https:///dashboards/7" << QString();
        QTest::addRow("empty") << AssetKind::Dashboard << "" << QString();
        QTest::addRow("a table") << AssetKind::Table << d7 << QString();
        QTest::addRow("an explore") << AssetKind::Explore << d7 << QString();
    }

    void contentUrlKeys()
    {
        QFETCH(AssetKind, kind);
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QCOMPARE(contentUrlKey(kind, url), expected);
    }

    void unifiesBiContentByUrl_data()
    {
        QTest::addColumn<bool>("lookerFirst");
        QTest::addRow("dbt exposure first") << false;
        QTest::addRow("Looker dashboard first") << true;
    }

    // A dbt exposure and the Looker dashboard it documents are one asset, whichever system is
    // imported first: reported by both, with lineage from both, owned as dbt declares it, found
    // by either name, and still current when one of the systems stops reporting it.
    void unifiesBiContentByUrl()
    {
        QFETCH(bool, lookerFirst);
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("a.sightline")), Workspace::OpenMode::Create);
        Asset exposure = makeAsset(QStringLiteral("dbt:exposure:p.revenue"), AssetKind::Dashboard,
                                   QStringLiteral("Hannah Kowalski"));
        exposure.platform = QStringLiteral("looker");
        exposure.name = QStringLiteral("Revenue");
        exposure.team = QStringLiteral("Finance");
        exposure.channel = QStringLiteral("#finance");
        exposure.url = QStringLiteral("https://looker.example.com/dashboards/7");
        Asset dashboard =
            makeAsset(QStringLiteral("looker:dashboard:7"), AssetKind::Dashboard, QStringLiteral("hannah@example.com"));
        dashboard.platform = QStringLiteral("looker");
        dashboard.name = QStringLiteral("Revenue (Looker)");
        dashboard.systems = {QStringLiteral("looker")};
        dashboard.url = QStringLiteral("https://Looker.example.com/dashboards-next/7/");
        const auto importDbt = [&](const QString& hash) {
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, addSnapshot(*ws, hash));
            w.beginSource(QStringLiteral("dbt:p"), {});
            w.asset(makeAsset(QStringLiteral("p.d.mart"), AssetKind::Model));
            w.asset(exposure);
            w.edge(QStringLiteral("p.d.mart"), exposure.key);
            w.finish();
            tx.commit();
        };
        const auto importLooker = [&](const QString& hash, bool withDashboard) {
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, addSnapshot(*ws, hash));
            w.beginSource(QStringLiteral("looker:looker.example.com"), {});
            Asset explore = makeAsset(QStringLiteral("looker:explore:m::revenue"), AssetKind::Explore);
            explore.systems = {QStringLiteral("looker")};
            w.asset(explore);
            if (withDashboard) {
                w.asset(dashboard);
                w.edge(explore.key, dashboard.key);
            }
            w.finish();
            tx.commit();
        };
        if (lookerFirst) {
            importLooker(QStringLiteral("l1"), true);
            importDbt(QStringLiteral("d1"));
        } else {
            importDbt(QStringLiteral("d1"));
            importLooker(QStringLiteral("l1"), true);
        }
        // The same again changes nothing (the merged asset and the alias are stable).
        importLooker(QStringLiteral("l2"), true);
        importDbt(QStringLiteral("d2"));

        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM asset WHERE kind = 'dashboard'"), 1);
        const QString canonical = lookerFirst ? dashboard.key : exposure.key;
        const auto merged = ws->asset(canonical);
        QVERIFY(merged);
        QCOMPARE(ws->asset(lookerFirst ? exposure.key : dashboard.key)->key, canonical);
        QCOMPARE(merged->systems, lookerFirst ? (QStringList {"looker", "dbt"}) : (QStringList {"dbt", "looker"}));
        QCOMPARE(merged->owner, QStringLiteral("Hannah Kowalski"));
        QCOMPARE(merged->team, QStringLiteral("Finance"));
        QCOMPARE(merged->channel, QStringLiteral("#finance"));
        QStringList upstream;
        for (const auto& e : ws->edges()) {
            if (e.to == canonical)
                upstream.append(e.from);
        }
        upstream.sort();
        QCOMPARE(upstream, (QStringList {"looker:explore:m::revenue", "p.d.mart"}));
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM asset_report r JOIN asset a ON a.id = r.asset_id WHERE "
                                   "a.kind = 'dashboard' AND r.retired = 0"),
                 2);

        // Looker no longer has the dashboard: its report and edge retire, the asset stays (dbt).
        importLooker(QStringLiteral("l3"), false);
        QVERIFY(!ws->asset(canonical)->retired);
        upstream.clear();
        for (const auto& e : ws->edges()) {
            if (e.to == canonical)
                upstream.append(e.from);
        }
        QCOMPARE(upstream, QStringList {"p.d.mart"});
    }

    void relationKeysAreNormalised_data()
    {
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("identifier");
        QTest::addColumn<QString>("expected");
        QTest::addRow("plain") << "Proj"
                               << "Dataset"
                               << "Table"
                               << "proj.dataset.table";
        QTest::addRow("double quotes") << "\"jaffle_shop\""
                                       << "\"main\""
                                       << "\"stg_orders\""
                                       << "jaffle_shop.main.stg_orders";
        QTest::addRow("backticks") << "`my-proj`"
                                   << "`ds`"
                                   << "`t`"
                                   << "my-proj.ds.t";
        QTest::addRow("no database") << ""
                                     << "public"
                                     << "orders"
                                     << "public.orders";
    }

    void relationKeysAreNormalised()
    {
        QFETCH(QString, database);
        QFETCH(QString, schema);
        QFETCH(QString, identifier);
        QFETCH(QString, expected);
        QCOMPARE(relationKey(database, schema, identifier), expected);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
