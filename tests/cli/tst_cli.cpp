#include "jsonschema.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using json = nlohmann::json;

namespace {

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
    }
};

QString binary()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/sightline");
}

Result runSightline(const QStringList& args)
{
    QProcess p;
    p.setProgram(binary());
    p.setArguments(args);
    p.start();
    Result r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(120000)) {
        r.err = "did not run: " + p.errorString().toUtf8();
        p.kill();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

json parseJson(const QByteArray& bytes)
{
    return json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

Asset makeAsset(const QString& key, AssetKind kind, const QString& name,
                const QString& platform = QStringLiteral("bigquery"))
{
    Asset a;
    a.key = key;
    a.kind = kind;
    a.name = name;
    a.platform = platform;
    a.systems = {QStringLiteral("dbt")};
    return a;
}

// A small hand-made estate (no importer needed), with the strings that break naive printing.
//   raw.shop.orders ─> proj.stg.stg_orders ─┐
//   raw.shop.customers ─> proj.stg.stg_customers ─┴─> proj.marts.orders ─> dashboard ─> application
//                                 └─> proj.marts.customers
void writeEstate(const QString& path)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::Create);
    sql::Transaction tx(ws->db());
    auto snap = ws->db().prepare(
        "INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('test', 'x', 'h', 0)");
    snap.exec();
    WorkspaceWriter w(*ws, ws->db().lastInsertRowId());
    w.beginSource(QStringLiteral("dbt:proj"),
                  QDateTime::fromString(QStringLiteral("2024-05-01T00:00:00Z"), Qt::ISODate));
    Asset rawOrders = makeAsset(QStringLiteral("raw.shop.orders"), AssetKind::Source, QStringLiteral("orders"));
    rawOrders.owner = QStringLiteral("data-eng");
    w.asset(rawOrders);
    w.asset(makeAsset(QStringLiteral("raw.shop.customers"), AssetKind::Source, QStringLiteral("customers_raw")));
    w.asset(makeAsset(QStringLiteral("proj.stg.stg_orders"), AssetKind::Model, QStringLiteral("stg_orders")));
    w.asset(makeAsset(QStringLiteral("proj.stg.stg_customers"), AssetKind::Model, QStringLiteral("stg_customers")));
    Asset orders = makeAsset(QStringLiteral("proj.marts.orders"), AssetKind::Model, QStringLiteral("orders"));
    orders.owner = QStringLiteral("Zoë");
    orders.team = QStringLiteral("sales");
    orders.channel = QStringLiteral("#sales-alerts");
    orders.tags = QStringList {QStringLiteral("finance"), QStringLiteral("daily")};
    orders.description = QStringLiteral("Orders, \"cleaned\" \\ deduplicated 🚗\nsecond line");
    w.asset(orders);
    w.asset(makeAsset(QStringLiteral("proj.marts.customers"), AssetKind::Model, QStringLiteral("customers")));
    w.asset(makeAsset(QStringLiteral("dbt:dashboard:proj.weekly"), AssetKind::Dashboard,
                      QStringLiteral("Weekly \"KPIs\""), QStringLiteral("looker")));
    w.asset(makeAsset(QStringLiteral("dbt:application:proj.a\"b\\c"), AssetKind::Application,
                      QStringLiteral("Pricing app"), QStringLiteral("dbt")));
    auto edge = [&w](const char* from, const char* to) { w.edge(QString::fromUtf8(from), QString::fromUtf8(to)); };
    edge("raw.shop.orders", "proj.stg.stg_orders");
    edge("raw.shop.customers", "proj.stg.stg_customers");
    edge("proj.stg.stg_orders", "proj.marts.orders");
    edge("proj.stg.stg_customers", "proj.marts.orders");
    edge("proj.stg.stg_customers", "proj.marts.customers");
    edge("proj.marts.orders", "dbt:dashboard:proj.weekly");
    edge("dbt:dashboard:proj.weekly", "dbt:application:proj.a\"b\\c");
    w.finish();
    tx.commit();
}

QStringList nodeKeys(const json& lineage)
{
    QStringList out;
    for (const auto& n : lineage["nodes"])
        out.append(QString::fromStdString(n["key"].get<std::string>()));
    return out;
}

QStringList edgePairs(const json& lineage)
{
    QStringList out;
    for (const auto& e : lineage["edges"])
        out.append(QString::fromStdString(e["from"].get<std::string>() + " -> " + e["to"].get<std::string>()));
    return out;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(binary()).isExecutable(), qPrintable(binary()));
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_contracts.loadDirectory(test::contractsDir(), &error), qPrintable(error));
        m_estate = m_dir.filePath(QStringLiteral("estate.sightline"));
        writeEstate(m_estate);
    }

    void helpAndVersion_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::addRow("--help") << QStringList {"--help"} << "  lineage WORKSPACE ASSET";
        QTest::addRow("help") << QStringList {"help"} << "Exit codes:";
        QTest::addRow("help import") << QStringList {"help", "import"}
                                     << "Usage: sightline import [--json] WORKSPACE PATH...";
        QTest::addRow("assets --help") << QStringList {"assets", "--help"}
                                       << "Usage: sightline assets [--json] WORKSPACE";
        QTest::addRow("lineage -h") << QStringList {"lineage", "-h"} << "--downstream <N>";
        QTest::addRow("--version") << QStringList {"--version"} << "sightline 0.1.0";
    }

    void helpAndVersion()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const auto r = runSightline(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.out).contains(expected), qPrintable(r.describe()));
        QVERIFY(r.err.isEmpty());
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message"); // part of the one stderr line
        const QString ws = QStringLiteral("@estate");
        QTest::addRow("mistyped command") << QStringList {"lineag", ws, "x"} << 1 << "did you mean 'lineage'?";
        QTest::addRow("help for nothing") << QStringList {"help", "frobnicate"} << 1 << "no command 'frobnicate'";
        QTest::addRow("unknown option") << QStringList {"assets", "--bogus", ws} << 1
                                        << "assets: Unknown option 'bogus'";
        QTest::addRow("assets without workspace") << QStringList {"assets"} << 1 << "missing WORKSPACE";
        QTest::addRow("assets, two workspaces") << QStringList {"assets", ws, ws} << 1 << "unexpected argument";
        QTest::addRow("lineage without asset") << QStringList {"lineage", ws} << 1 << "missing ASSET";
        QTest::addRow("json and dot") << QStringList {"lineage", "--json", "--dot", ws, "orders"} << 1
                                      << "exclude each other";
        QTest::addRow("negative depth") << QStringList {"lineage", "--upstream", "-2", ws, "stg_orders"} << 1
                                        << "--upstream wants a number";
        QTest::addRow("depth not a number")
            << QStringList {"lineage", "--downstream=lots", ws, "stg_orders"} << 1 << "--downstream wants a number";
        QTest::addRow("import without path") << QStringList {"import", ws} << 1 << "missing PATH";
        QTest::addRow("unknown asset") << QStringList {
            "lineage", ws,
            "ordrs"} << 2 << "no asset 'ordrs' in @estate; did you mean: proj.marts.orders, raw.shop.orders";
        QTest::addRow("unknown asset, nothing close")
            << QStringList {"lineage", ws, "zzzzzz"} << 2 << "sightline assets";
        QTest::addRow("ambiguous name") << QStringList {
            "lineage", ws,
            "ORDERS"} << 2 << "'ORDERS' names 2 assets; give one of their keys: proj.marts.orders, raw.shop.orders";
        QTest::addRow("missing workspace") << QStringList {"assets", "@missing"} << 3 << "no such workspace";
        QTest::addRow("lineage, missing workspace")
            << QStringList {"lineage", "@missing", "x"} << 3 << "no such workspace";
        QTest::addRow("not a workspace") << QStringList {"assets", "@text"} << 3 << "not a Sightline workspace";
        QTest::addRow("folder as workspace") << QStringList {"assets", "@dir"} << 3 << "is a folder";
        QTest::addRow("import into a non-workspace")
            << QStringList {"import", "@text", "@text"} << 3 << "not a Sightline workspace";
        QTest::addRow("import a missing file") << QStringList {"import", "@fresh", "@missing"} << 2 << "no such file";
    }

    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        if (!QFile::exists(text)) {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("just some notes, not a workspace and not metadata\n");
        }
        const QString missing = m_dir.filePath(QStringLiteral("missing.sightline"));
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.sightline"));
        const QByteArray estateBefore = fileHash(m_estate);
        const QByteArray textBefore = fileHash(text);
        const QMap<QString, QString> placeholders = {{QStringLiteral("@estate"), m_estate},
                                                     {QStringLiteral("@missing"), missing},
                                                     {QStringLiteral("@text"), text},
                                                     {QStringLiteral("@dir"), m_dir.path()},
                                                     {QStringLiteral("@fresh"), fresh}};
        for (auto& arg : args)
            arg = placeholders.value(arg, arg);
        for (auto it = placeholders.cbegin(); it != placeholders.cend(); ++it)
            message.replace(it.key(), it.value());

        const auto r = runSightline(args);
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.describe()));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QStringLiteral("sightline: ")) && err.count(u'\n') == 1, qPrintable(r.describe()));
        QVERIFY2(err.contains(message), qPrintable(r.describe()));
        // Errors never create or change files.
        QVERIFY(!QFile::exists(missing));
        QVERIFY(!QFile::exists(fresh));
        QCOMPARE(fileHash(m_estate), estateBefore);
        QCOMPARE(fileHash(text), textBefore);
        QVERIFY(!QFile::exists(text + QStringLiteral("-wal")));
    }

    void lockedWorkspace()
    {
        // Another process holds the write lock for longer than Sightline waits (10 s): exit 3, and
        // readers are not blocked (WAL).
        const QString input = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(QFile::exists(input));
        sql::Database holder(m_estate, sql::Database::Mode::ReadWrite);
        holder.exec("BEGIN EXCLUSIVE");
        auto r = runSightline({QStringLiteral("import"), m_estate, input});
        QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
        QCOMPARE(QString::fromUtf8(r.err),
                 QStringLiteral("sightline: %1: workspace is busy (locked by another process)\n").arg(m_estate));
        r = runSightline({QStringLiteral("assets"), m_estate});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        holder.exec("ROLLBACK");
    }

    void assetsJson()
    {
        const auto r = runSightline({QStringLiteral("assets"), m_estate, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const json doc = parseJson(r.out);
        QVERIFY2(!doc.is_discarded(), r.out.constData());
        QCOMPARE(m_contracts.validate(doc, QStringLiteral("assets.schema.json")), QStringList());
        QCOMPARE(doc.size(), size_t(8));
        QStringList keys;
        for (const auto& a : doc)
            keys.append(QString::fromStdString(a["key"].get<std::string>()));
        QCOMPARE(keys,
                 QStringList({"dbt:application:proj.a\"b\\c", "dbt:dashboard:proj.weekly", "proj.marts.customers",
                              "proj.marts.orders", "proj.stg.stg_customers", "proj.stg.stg_orders",
                              "raw.shop.customers", "raw.shop.orders"}));
        const json& orders = doc[3];
        QVERIFY(orders["kind"] == "model");
        QVERIFY(orders["platform"] == "bigquery");
        QVERIFY(orders["owner"] == "Zoë");
        QVERIFY(orders["team"] == "sales");
        QVERIFY(orders["channel"] == "#sales-alerts");
        QVERIFY(orders["tags"] == json::array({"finance", "daily"}));
        QVERIFY(orders["description"] == "Orders, \"cleaned\" \\ deduplicated 🚗\nsecond line");
        QVERIFY(doc[2]["owner"].is_null());
        QVERIFY(doc[2]["description"].is_null());
        // Raw bytes: UTF-8 as is, JSON escapes only where needed.
        QVERIFY(r.out.contains(QStringLiteral("\"owner\": \"Zoë\"").toUtf8()));
        QVERIFY(r.out.contains(QStringLiteral("deduplicated 🚗\\nsecond line").toUtf8()));
    }

    void assetsText()
    {
        const auto r = runSightline({QStringLiteral("assets"), m_estate});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 10);
        QCOMPARE(lines[0].simplified(), QStringLiteral("KEY KIND PLATFORM OWNER"));
        QCOMPARE(lines[4].simplified(), QStringLiteral("proj.marts.orders model bigquery Zoë"));
        QCOMPARE(lines[8].simplified(), QStringLiteral("raw.shop.orders source bigquery data-eng"));
        QCOMPARE(lines[9], QStringLiteral("8 assets"));
        // Aligned: every column starts at the same offset in every row.
        const qsizetype kindColumn = lines[0].indexOf(QStringLiteral("KIND"));
        QCOMPARE(lines[4].indexOf(QStringLiteral("model")), kindColumn);
        QCOMPARE(lines[8].indexOf(QStringLiteral("source")), kindColumn);
    }

    void emptyWorkspace()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.sightline"));
        Workspace::open(path, Workspace::OpenMode::Create);
        auto r = runSightline({QStringLiteral("assets"), path, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out, QByteArray("[]\n"));
        r = runSightline({QStringLiteral("assets"), path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.startsWith("No assets in "));
        r = runSightline({QStringLiteral("lineage"), path, QStringLiteral("anything")});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    }

    void lineageJson_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("asset");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QStringList>("edges");
        QTest::addRow("default 1 and 1") << QStringList {} << "proj.marts.orders"
                                         << QStringList {"proj.marts.orders", "proj.stg.stg_customers",
                                                         "proj.stg.stg_orders", "dbt:dashboard:proj.weekly"}
                                         << QStringList {"proj.marts.orders -> dbt:dashboard:proj.weekly",
                                                         "proj.stg.stg_customers -> proj.marts.orders",
                                                         "proj.stg.stg_orders -> proj.marts.orders"};
        QTest::addRow("all up, 2 down, by name")
            << QStringList {"--upstream", "all", "--downstream", "2"} << "Stg_Orders"
            << QStringList {"proj.stg.stg_orders", "raw.shop.orders", "proj.marts.orders", "dbt:dashboard:proj.weekly"}
            << QStringList {"proj.marts.orders -> dbt:dashboard:proj.weekly",
                            "proj.stg.stg_orders -> proj.marts.orders", "raw.shop.orders -> proj.stg.stg_orders"};
        QTest::addRow("upstream only, quoted key")
            << QStringList {"--upstream=2", "--downstream=0"} << "dbt:application:proj.a\"b\\c"
            << QStringList {"dbt:application:proj.a\"b\\c", "dbt:dashboard:proj.weekly", "proj.marts.orders"}
            << QStringList {"dbt:dashboard:proj.weekly -> dbt:application:proj.a\"b\\c",
                            "proj.marts.orders -> dbt:dashboard:proj.weekly"};
        QTest::addRow("0 and 0") << QStringList {"--upstream", "0", "--downstream", "0"} << "raw.shop.orders"
                                 << QStringList {"raw.shop.orders"} << QStringList {};
    }

    void lineageJson()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, asset);
        QFETCH(QStringList, nodes);
        QFETCH(QStringList, edges);
        const auto r =
            runSightline(QStringList {QStringLiteral("lineage"), m_estate, asset, QStringLiteral("--json")} + options);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const json doc = parseJson(r.out);
        QVERIFY2(!doc.is_discarded(), r.out.constData());
        QCOMPARE(m_contracts.validate(doc, QStringLiteral("lineage.schema.json")), QStringList());
        QCOMPARE(nodeKeys(doc), nodes);
        QCOMPARE(edgePairs(doc), edges);
        QVERIFY(doc["nodes"][0]["role"] == "focus");
        QVERIFY(doc["nodes"][0]["distance"] == 0);
    }

    void lineageText()
    {
        const auto r = runSightline({QStringLiteral("lineage"), m_estate, QStringLiteral("proj.marts.orders")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(
            out.startsWith(QStringLiteral("Lineage of proj.marts.orders (model, bigquery): 1 level up, 1 level down\n"
                                          "owner Zoë, team sales, channel #sales-alerts\n")),
            qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("upstream    1     proj.stg.stg_orders")));
        QVERIFY(out.contains(QStringLiteral("downstream  1     dbt:dashboard:proj.weekly")));
        QVERIFY(out.contains(QStringLiteral("  proj.stg.stg_orders -> proj.marts.orders\n")));
        QVERIFY(out.endsWith(QStringLiteral("2 upstream, 1 downstream, 3 edges\n")));
    }

    void lineageDot()
    {
        const auto r = runSightline({QStringLiteral("lineage"), m_estate, QStringLiteral("Weekly \"kpis\""),
                                     QStringLiteral("--dot"), QStringLiteral("--upstream=all")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.startsWith("digraph lineage {\n"));
        QVERIFY(r.out.contains("rankdir=LR"));
        QVERIFY(r.out.contains("\"dbt:dashboard:proj.weekly\" -> \"dbt:application:proj.a\\\"b\\\\c\";"));
        QVERIFY(r.out.contains("label=\"Weekly \\\"KPIs\\\"\\ndashboard"));
        // Every edge of the estate but stg_customers -> customers (not upstream of the dashboard).
        QCOMPARE(r.out.count(" -> "), 6);
        const QString dot = QStandardPaths::findExecutable(QStringLiteral("dot"));
        if (dot.isEmpty())
            QSKIP("Graphviz's dot is not installed");
        QProcess p;
        p.start(dot, {QStringLiteral("-Tsvg")});
        QVERIFY(p.waitForStarted());
        p.write(r.out);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("<svg"));
        QCOMPARE(p.readAllStandardError(), QByteArray());
    }

private:
    QTemporaryDir m_dir;
    test::JsonSchemaValidator m_contracts;
    QString m_estate;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
