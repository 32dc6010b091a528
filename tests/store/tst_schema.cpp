#include "store/schema.h"
#include "store/snapshotremoval.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"

#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {

constexpr qint64 kDay = 86400000;
// 2024-03-01T00:00:00Z
constexpr qint64 kMarch1 = 1709251200000;

// A workspace exactly as a build of schema version `version` left it: its migrations, run one
// by one (they are never edited once shipped), with rows written in that version's tables.
void createOldWorkspace(const QString& path, int version)
{
    sql::Database db = test::createOldWorkspace(path, version);
    db.exec("INSERT INTO snapshot (id, format, source_path, content_hash, imported_at) VALUES "
            "(1, 'bigquery-metadata', 'day-1', 'h1', 0), (2, 'bigquery-metadata', 'day-2', 'h2', 0)");
    db.exec("INSERT INTO asset (id, key, kind, platform, name, first_snapshot, last_snapshot) VALUES "
            "(1, 'p.d.orders', 'table', 'bigquery', 'orders', 1, 2), "
            "(2, 'p.d.users', 'table', 'bigquery', 'users', 1, 2)");
    auto insert = db.prepare("INSERT INTO observation (asset_id, column_name, metric, at, value, snapshot_id) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    struct Row
    {
        qint64 asset;
        const char* column;
        const char* metric;
        qint64 at;
        double value;
        qint64 snapshot;
    };
    // Two captures a day apart (08:00), one more point late on day 1, and a column metric.
    const Row rows[] = {
        {1, "", "row_count", kMarch1 + 8 * 3600000, 100, 1},
        {1, "", "row_count", kMarch1 + kDay + 8 * 3600000, 110, 2},
        {1, "", "row_count", kMarch1 + 23 * 3600000, 105, 1},
        {1, "", "size_bytes", kMarch1 + 8 * 3600000, 4096, 1},
        {1, "amount", "null_rate", kMarch1 + kDay + 8 * 3600000, 0.25, 2},
        {2, "", "row_count", kMarch1 + 8 * 3600000, 7, 1},
        {2, "", "row_count", kMarch1 + kDay + 8 * 3600000, 8, 2},
    };
    for (const auto& r : rows) {
        insert.bind(1, r.asset)
            .bind(2, QString::fromLatin1(r.column))
            .bind(3, QString::fromLatin1(r.metric))
            .bind(4, r.at)
            .bind(5, r.value)
            .bind(6, r.snapshot);
        insert.exec();
    }
}

// "asset metric column at value snapshot" of every observation, through the `observation` view.
QStringList observations(Workspace& ws)
{
    QStringList out;
    auto stmt = ws.db().prepare("SELECT asset_id, metric, column_name, at, value, snapshot_id FROM observation "
                                "ORDER BY asset_id, metric, column_name, at");
    while (stmt.step()) {
        out.append(QStringLiteral("%1 %2 %3 %4 %5 %6")
                       .arg(stmt.int64(0))
                       .arg(stmt.text(1), stmt.text(2).isEmpty() ? QStringLiteral("-") : stmt.text(2))
                       .arg((stmt.int64(3) - kMarch1) / 3600000)
                       .arg(stmt.real(4))
                       .arg(stmt.int64(5)));
    }
    return out;
}

QList<qint64> days(Workspace& ws)
{
    QList<qint64> out;
    auto stmt = ws.db().prepare("SELECT day FROM observation_day ORDER BY day");
    while (stmt.step())
        out.append(stmt.int64(0));
    return out;
}

} // namespace

class TestSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void migratesObservations_data()
    {
        QTest::addColumn<int>("from");
        QTest::addRow("v1") << 1;
        QTest::addRow("v2") << 2;
    }

    // Observations of an older workspace survive the move to day-clustered storage unchanged,
    // each day is listed, and the series query seeks per day.
    void migratesObservations()
    {
        QFETCH(int, from);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sightline"));
        createOldWorkspace(path, from);

        auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        // Migrated through v3 (observations by day) to the newest version (v6: report intervals).
        QCOMPARE(ws->schemaVersion(), 6);
        QCOMPARE(schema::currentVersion(), 6);
        // hours after 2024-03-01T00:00Z
        const QStringList before = {
            "1 row_count - 8 100 1",        "1 row_count - 23 105 1",  "1 row_count - 32 110 2",
            "1 null_rate amount 32 0.25 2", "1 size_bytes - 8 4096 1", "2 row_count - 8 7 1",
            "2 row_count - 32 8 2",
        };
        QStringList expected = before;
        std::sort(expected.begin(), expected.end(), [](const QString& a, const QString& b) {
            const auto x = a.split(u' ');
            const auto y = b.split(u' ');
            if (x[0] != y[0])
                return x[0] < y[0];
            if (x[1] != y[1])
                return x[1] < y[1];
            if (x[2] != y[2])
                return x[2] < y[2];
            return x[3].toInt() < y[3].toInt();
        });
        QCOMPARE(observations(*ws), expected);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation_point"), 7);
        QCOMPARE(days(*ws), (QList<qint64> {kMarch1 / kDay, kMarch1 / kDay + 1}));
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'observation' AND type = 'view'"),
                 1);
        QCOMPARE(ws->dataTime(), fromStoredTime(kMarch1 + kDay + 8 * 3600000));

        // The series query recommended to readers: one seek per day, no scan.
        const std::string series = "SELECT at, value FROM observation WHERE asset_id = ?1 AND metric = ?2 AND "
                                   "column_name = ?3 ORDER BY at";
        {
            auto plan = ws->db().prepare("EXPLAIN QUERY PLAN " + series);
            QStringList details;
            while (plan.step())
                details.append(plan.text(3));
            QVERIFY2(details.contains(QStringLiteral("SEARCH observation_point USING PRIMARY KEY (day=? AND "
                                                     "asset_id=? AND metric=? AND column_name=?)")),
                     qPrintable(details.join(u'|')));
        }
        auto stmt = ws->db().prepare(series);
        stmt.bind(1, qint64(1)).bind(2, QStringLiteral("row_count")).bind(3, QString());
        QList<double> values;
        while (stmt.step())
            values.append(stmt.real(1));
        QCOMPARE(values, (QList<double> {100, 105, 110}));

        // Statements written for version 1 that change observations still work, via triggers.
        ws->db().exec("INSERT INTO observation (asset_id, metric, at, value, snapshot_id) VALUES "
                      "(2, 'row_count', 1709510400000, 9, 2)"); // 2024-03-04T00:00Z: a new day
        ws->db().exec("INSERT OR IGNORE INTO observation (asset_id, column_name, metric, at, value) VALUES "
                      "(2, '', 'row_count', 1709510400000, 99)"); // stored once
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation WHERE asset_id = 2"), 3);
        QCOMPARE(ws->db().queryInt("SELECT value FROM observation WHERE asset_id = 2 AND at = 1709510400000"), 9);
        QCOMPARE(days(*ws).size(), 3);
        ws->db().exec("UPDATE observation SET value = 10 WHERE asset_id = 2 AND at = 1709510400000");
        QCOMPARE(ws->db().queryInt("SELECT value FROM observation_point WHERE asset_id = 2 AND at = 1709510400000"),
                 10);
        ws->db().exec("DELETE FROM observation WHERE asset_id = 2 AND at = 1709510400000");
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation_point"), 7);

        // Opening again migrates nothing more.
        ws.reset();
        ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        QCOMPARE(ws->schemaVersion(), schema::currentVersion());
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation"), 7);
    }

    // After the migration the writer stores into the new table: identical points once, a new
    // day listed once; removing a snapshot takes its points and the days left empty.
    void writesAndRemovesAfterMigration()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sightline"));
        createOldWorkspace(path, 2);
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        qint64 third = 0;
        {
            sql::Transaction tx(ws->db());
            ws->db().exec("INSERT INTO snapshot (id, format, source_path, content_hash, imported_at) VALUES "
                          "(3, 'bigquery-metadata', 'day-3', 'h3', 0)");
            third = 3;
            WorkspaceWriter w(*ws, third);
            w.beginSource(QStringLiteral("bigquery:p"), fromStoredTime(kMarch1 + 2 * kDay));
            const QString orders = QStringLiteral("p.d.orders");
            const QString rowCount = QStringLiteral("row_count");
            w.observation({orders, {}, rowCount, fromStoredTime(kMarch1 + 8 * 3600000), 100}); // stored already
            w.observation({orders, {}, rowCount, fromStoredTime(kMarch1 + 2 * kDay + 8 * 3600000), 120});
            w.observation({orders, {}, rowCount, fromStoredTime(kMarch1 + 2 * kDay + 8 * 3600000), 120}); // again
            w.observation(
                {QStringLiteral("p.d.users"), {}, rowCount, fromStoredTime(kMarch1 + 2 * kDay + 9 * 3600000), 9});
            w.observation({QStringLiteral("p.d.unknown"), {}, rowCount, fromStoredTime(kMarch1), 1});
            w.finish();
            QCOMPARE(w.observationCount(), 2);
            tx.commit();
        }
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation"), 9);
        QCOMPARE(days(*ws), (QList<qint64> {kMarch1 / kDay, kMarch1 / kDay + 1, kMarch1 / kDay + 2}));
        QCOMPARE(ws->dataTime(), fromStoredTime(kMarch1 + 2 * kDay + 9 * 3600000));

        const auto removed = removeSnapshot(ws->db(), third);
        QCOMPARE(removed.observations, 2);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM observation"), 7);
        QCOMPARE(days(*ws), (QList<qint64> {kMarch1 / kDay, kMarch1 / kDay + 1}));
        const auto second = removeSnapshot(ws->db(), 2);
        QCOMPARE(second.observations, 3);
        QCOMPARE(days(*ws), (QList<qint64> {kMarch1 / kDay}));
        QCOMPARE(ws->dataTime(), fromStoredTime(kMarch1 + 23 * 3600000));
    }

    // v5: the writer stores a merge hash per asset and trusts it for assets that change nothing;
    // an edit of a mergeable column by anyone else clears it, so the next import merges that row
    // field by field (and keeps the edit where the import says nothing).
    void mergeHashFollowsEdits()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("ws.sightline")), Workspace::OpenMode::Create);
        Asset orders;
        orders.key = QStringLiteral("p.d.orders");
        orders.kind = AssetKind::Table;
        orders.platform = QStringLiteral("bigquery");
        orders.owner = QStringLiteral("ann@example.com");
        const auto import = [&](int snapshot, const Asset& a) {
            sql::Transaction tx(ws->db());
            ws->db().exec("INSERT INTO snapshot (id, format, source_path, content_hash, imported_at) VALUES ("
                          + std::to_string(snapshot) + ", 'bigquery-metadata', 'x', 'h" + std::to_string(snapshot)
                          + "', 0)");
            WorkspaceWriter w(*ws, snapshot);
            w.beginSource(QStringLiteral("bigquery:p"), {});
            w.asset(a);
            w.finish();
            tx.commit();
        };
        import(1, orders);
        const auto hash = [&] { return ws->db().queryInt("SELECT coalesce(merge_hash, 0) FROM asset"); };
        const auto owner = [&] {
            auto stmt = ws->db().prepare("SELECT owner FROM asset");
            return stmt.step() ? stmt.text(0) : QString();
        };
        const qint64 first = hash();
        QVERIFY(first != 0);
        import(2, orders);
        QCOMPARE(hash(), first);
        // Current: reported by the latest snapshot of its source (v6 stores that as NULL).
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM asset WHERE last_snapshot IS NULL AND retired_snapshot IS "
                                   "NULL"),
                 1);

        // Bookkeeping columns keep the hash; an edit of the owner clears it.
        ws->db().exec("UPDATE asset SET last_snapshot = 1");
        QCOMPARE(hash(), first);
        ws->db().exec("UPDATE asset SET owner = 'bob@example.com'");
        QCOMPARE(hash(), 0);
        // The same asset again: merged field by field, the incoming owner wins as before v5.
        import(3, orders);
        QCOMPARE(owner(), QStringLiteral("ann@example.com"));
        QCOMPARE(hash(), first);
        // An asset without an owner keeps the stored one and changes nothing.
        Asset bare = orders;
        bare.owner.clear();
        import(4, bare);
        QCOMPARE(owner(), QStringLiteral("ann@example.com"));
        QCOMPARE(hash(), first);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM asset_report WHERE last_snapshot IS NULL AND retired = 0 "
                                   "AND first_snapshot = 1"),
                 1);
    }

    // v6: a report's last_snapshot is NULL while its source still reports it. A version-5
    // workspace with one current report, one retired report and a retired asset migrates to
    // open and closed intervals, and the next capture opens and closes only what changed.
    void migratesReportsToIntervals()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v5.sightline"));
        createOldWorkspace(path, 5);
        {
            sql::Database db(path, sql::Database::Mode::ReadWrite);
            db.exec("INSERT INTO snapshot_source (snapshot_id, source) VALUES (1, 'bigquery:p'), (2, 'bigquery:p')");
            db.exec("UPDATE asset SET last_snapshot = 1, retired_snapshot = 2 WHERE id = 2");
            db.exec("INSERT INTO asset_report (asset_id, source, first_snapshot, last_snapshot, retired) VALUES "
                    "(1, 'bigquery:p', 1, 2, 0), (2, 'bigquery:p', 1, 1, 1)");
        }
        auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
        QCOMPARE(ws->schemaVersion(), 6);
        const auto reports = [&] {
            QStringList out;
            auto stmt = ws->db().prepare("SELECT a.key, r.first_snapshot, coalesce(r.last_snapshot, 'open'), "
                                         "r.retired, coalesce(a.last_snapshot, 'current'), "
                                         "coalesce(a.retired_snapshot, '-') FROM asset_report r JOIN asset a ON "
                                         "a.id = r.asset_id ORDER BY a.key");
            while (stmt.step()) {
                QStringList row;
                for (int c = 0; c < 6; ++c)
                    row.append(stmt.text(c));
                out.append(row.join(u' '));
            }
            return out;
        };
        QCOMPARE(reports(), (QStringList {"p.d.orders 1 open 0 current -", "p.d.users 1 1 1 1 2"}));

        // Snapshot 3 reports users again and not orders.
        sql::Transaction tx(ws->db());
        ws->db().exec("INSERT INTO snapshot (id, format, source_path, content_hash, imported_at) VALUES "
                      "(3, 'bigquery-metadata', 'day-3', 'h3', 0)");
        WorkspaceWriter w(*ws, 3);
        w.beginSource(QStringLiteral("bigquery:p"), {});
        Asset users;
        users.key = QStringLiteral("p.d.users");
        users.kind = AssetKind::Table;
        users.platform = QStringLiteral("bigquery");
        users.name = QStringLiteral("users");
        w.asset(users);
        w.finish();
        tx.commit();
        // orders: last reported by snapshot 2 (the source's one before 3), retired by 3.
        QCOMPARE(reports(), (QStringList {"p.d.orders 1 2 1 2 3", "p.d.users 1 open 0 current -"}));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
