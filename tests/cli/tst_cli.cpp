#include "jsonschema.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
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

QString jaffleManifest()
{
    return test::sharedData(QStringLiteral(
        "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json"));
}

QString adsManifest()
{
    return test::sharedData(QStringLiteral("fivetran__dbt_ad_reporting/docs__manifest@2022-12-19_316dd1fc.json"));
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
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
                                      << "lineage: --json and --dot ask for different outputs";
        QTest::addRow("json and format dot") << QStringList {"lineage", "--json", "--format", "dot", ws, "orders"} << 1
                                             << "--json and --format dot ask for different outputs";
        QTest::addRow("unknown format") << QStringList {"assets", "--format=yaml", ws} << 1
                                        << "--format wants one of text, json, not 'yaml'";
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
        QTest::addRow("import into a missing folder")
            << QStringList {"import", "@dir/nowhere/new.sightline", "@text"} << 3 << "@dir/nowhere does not exist";
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
        for (auto it = placeholders.cbegin(); it != placeholders.cend(); ++it) {
            for (auto& arg : args)
                arg.replace(it.key(), it.value());
            message.replace(it.key(), it.value());
        }

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
        const auto r =
            runSightline({QStringLiteral("assets"), m_estate, QStringLiteral("--format"), QStringLiteral("json")});
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
                                     QStringLiteral("--format=dot"), QStringLiteral("--upstream=all")});
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

    // --- Real dbt manifests from ../shared/data, through the dbt importer plugin -----------------

    void importRealManifests()
    {
        m_shop = m_dir.filePath(QStringLiteral("shop.sightline"));
        auto r = runSightline({QStringLiteral("import"), m_shop, jaffleManifest()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.describe())); // no progress: stderr is not a terminal
        const QString out = QString::fromUtf8(r.out);
        // The file reports 13 models, 6 seeds and 6 sources; each source is the relation a seed
        // builds, so the workspace holds 19 assets. 17 parent_map edges join them.
        QVERIFY2(out.contains(jaffleManifest() + QStringLiteral(": dbt manifest.json v12: 25 assets, 17 edges, ")),
                 qPrintable(out));
        QVERIFY2(out.endsWith(QStringLiteral("; it now holds 19 assets, 17 edges from 1 snapshot.\n")),
                 qPrintable(out));

        m_ads = m_dir.filePath(QStringLiteral("ads.sightline"));
        r = runSightline({QStringLiteral("import"), QStringLiteral("--json"), m_ads, adsManifest()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const json report = parseJson(r.out);
        QVERIFY2(!report.is_discarded(), r.out.constData());
        QVERIFY(report["outcome"] == "imported");
        QVERIFY(report["snapshots"].size() == 1);
        QVERIFY(report["duplicates"] == 0);
        QVERIFY(report["files"].size() == 1);
        const json& file = report["files"][0];
        QVERIFY(file["format"] == "dbt-manifest");
        QVERIFY(file["version"] == "v7");
        QVERIFY(file["edges"] == 427); // 505 model/source pairs in parent_map, 78 listed twice
        QVERIFY(file["skipped"].is_null());
        QVERIFY(file["warnings"].is_array());
        QVERIFY(report["totals"]["edges"] == 427);
        // 223 models + 80 seeds; the 78 sources are relations of seeds.
        QVERIFY(report["workspace_counts"]
                == json({{"assets", 303}, {"retired_assets", 0}, {"edges", 427}, {"snapshots", 1}}));
    }

    void reimportIsNothingNew()
    {
        QVERIFY(!m_shop.isEmpty());
        const QString before = test::dumpWorkspace(m_shop);
        auto r = runSightline({QStringLiteral("import"), m_shop, jaffleManifest()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(
            QString::fromUtf8(r.out).contains(QStringLiteral("already imported (identical content)\n"
                                                             "Nothing new to import: %1 already holds this content "
                                                             "(19 assets, 17 edges from 1 snapshot).\n")
                                                  .arg(m_shop)),
            qPrintable(r.describe()));
        r = runSightline({QStringLiteral("import"), m_shop, jaffleManifest(), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const json report = parseJson(r.out);
        QVERIFY(report["outcome"] == "nothing_new");
        QVERIFY(report["snapshots"].empty());
        QVERIFY(report["duplicates"] == 1);
        QVERIFY(report["files"][0]["skipped"] == "already imported (identical content)");
        QCOMPARE(test::dumpWorkspace(m_shop), before);
    }

    void realAssetsJson_data()
    {
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("models");
        QTest::addColumn<int>("seeds");
        QTest::addColumn<QString>("platform");
        QTest::addColumn<int>("onPlatform");
        QTest::addRow("jaffle_shop v12") << "shop" << 19 << 13 << 6 << "duckdb" << 19;
        // 8 ephemeral models live in dbt only (dbt:model:package.name keys).
        QTest::addRow("ad_reporting v7") << "ads" << 303 << 223 << 80 << "postgres" << 295;
    }

    void realAssetsJson()
    {
        QFETCH(QString, workspace);
        QFETCH(int, total);
        QFETCH(int, models);
        QFETCH(int, seeds);
        QFETCH(QString, platform);
        QFETCH(int, onPlatform);
        const QString path = workspace == u"shop" ? m_shop : m_ads;
        QVERIFY(!path.isEmpty());
        const auto r = runSightline({QStringLiteral("assets"), QStringLiteral("--json"), path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const json doc = parseJson(r.out);
        QVERIFY2(!doc.is_discarded(), r.out.left(500).constData());
        QCOMPARE(m_contracts.validate(doc, QStringLiteral("assets.schema.json")), QStringList());
        QCOMPARE(int(doc.size()), total);
        int modelCount = 0, seedCount = 0, platformCount = 0, dbtKeys = 0;
        std::string previous;
        for (const auto& a : doc) {
            modelCount += a["kind"] == "model";
            seedCount += a["kind"] == "seed";
            platformCount += a["platform"] == platform.toStdString();
            dbtKeys += a["key"].get<std::string>().rfind("dbt:model:", 0) == 0;
            QVERIFY(a["key"].get<std::string>() > previous);
            previous = a["key"].get<std::string>();
        }
        QCOMPARE(modelCount, models);
        QCOMPARE(seedCount, seeds);
        QCOMPARE(platformCount, onPlatform);
        QCOMPARE(dbtKeys, total - onPlatform);
    }

    void realAssetsText()
    {
        const auto r = runSightline({QStringLiteral("assets"), m_shop});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QStringList lines = QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 21);
        QCOMPARE(lines[1], QStringLiteral("jaffle_shop.main.customers              model  duckdb    -"));
        QCOMPARE(lines[19], QStringLiteral("jaffle_shop.raw.raw_supplies            seed   duckdb    -"));
        QCOMPARE(lines[20], QStringLiteral("19 assets"));
    }

    void realLineageJson_data()
    {
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("asset");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QStringList>("edges");
        // Expected neighbourhoods computed by hand (python3 over parent_map) from the manifests.
        const QString m = QStringLiteral("jaffle_shop.main.");
        QTest::addRow("order_items, default depths")
            << "shop" << QStringList {} << m + "order_items"
            << QStringList {m + "order_items",  m + "stg_order_items", m + "stg_orders",
                            m + "stg_products", m + "stg_supplies",    m + "orders"}
            << QStringList {m + "order_items -> " + m + "orders",       m + "stg_order_items -> " + m + "order_items",
                            m + "stg_orders -> " + m + "order_items",   m + "stg_orders -> " + m + "orders",
                            m + "stg_products -> " + m + "order_items", m + "stg_supplies -> " + m + "order_items"};
        QTest::addRow("raw_orders by name, 0 up, 2 down")
            << "shop" << QStringList {"--upstream", "0", "--downstream", "2"} << "RAW_ORDERS"
            << QStringList {"jaffle_shop.raw.raw_orders", m + "stg_orders", m + "order_items", m + "orders"}
            << QStringList {m + "order_items -> " + m + "orders", m + "stg_orders -> " + m + "order_items",
                            m + "stg_orders -> " + m + "orders", "jaffle_shop.raw.raw_orders -> " + m + "stg_orders"};
        QTest::addRow("order_items, everything")
            << "shop" << QStringList {"--upstream=all", "--downstream=all"} << m + "order_items"
            << QStringList {m + "order_items",
                            m + "stg_order_items",
                            m + "stg_orders",
                            m + "stg_products",
                            m + "stg_supplies",
                            "jaffle_shop.raw.raw_items",
                            "jaffle_shop.raw.raw_orders",
                            "jaffle_shop.raw.raw_products",
                            "jaffle_shop.raw.raw_supplies",
                            m + "orders",
                            m + "customers"}
            << QStringList {m + "order_items -> " + m + "orders",
                            m + "orders -> " + m + "customers",
                            m + "stg_order_items -> " + m + "order_items",
                            m + "stg_orders -> " + m + "order_items",
                            m + "stg_orders -> " + m + "orders",
                            m + "stg_products -> " + m + "order_items",
                            m + "stg_supplies -> " + m + "order_items",
                            "jaffle_shop.raw.raw_items -> " + m + "stg_order_items",
                            "jaffle_shop.raw.raw_orders -> " + m + "stg_orders",
                            "jaffle_shop.raw.raw_products -> " + m + "stg_products",
                            "jaffle_shop.raw.raw_supplies -> " + m + "stg_supplies"};
        const QString focus = QStringLiteral("dbt:model:ad_reporting.int_ad_reporting__account_report");
        const QString p = QStringLiteral("postgres.ad_reporting_integration_tests_2_");
        const QStringList parents = {p + "apple_search_ads.apple_search_ads__organization_report",
                                     p + "facebook_ads.facebook_ads__account_report",
                                     p + "google_ads.google_ads__account_report",
                                     p + "linkedin_ads.linkedin_ads__account_report",
                                     p + "microsoft_ads.microsoft_ads__account_report",
                                     p + "pinterest.pinterest_ads__advertiser_report",
                                     p + "snapchat_ads.snapchat_ads__account_report",
                                     p + "tiktok_ads.tiktok_ads__advertiser_report",
                                     p + "twitter_ads.twitter_ads__account_report"};
        const QString child = p + "ad_reporting.ad_reporting__account_report";
        QStringList edges = {focus + " -> " + child};
        for (const auto& parent : parents)
            edges.append(parent + " -> " + focus);
        QTest::addRow("ephemeral model by name") << "ads" << QStringList {} << "int_ad_reporting__account_report"
                                                 << (QStringList {focus} + parents + QStringList {child}) << edges;
    }

    void realLineageJson()
    {
        QFETCH(QString, workspace);
        QFETCH(QStringList, options);
        QFETCH(QString, asset);
        QFETCH(QStringList, nodes);
        QFETCH(QStringList, edges);
        const QString path = workspace == u"shop" ? m_shop : m_ads;
        QVERIFY(!path.isEmpty());
        const auto r =
            runSightline(QStringList {QStringLiteral("lineage"), path, asset, QStringLiteral("--json")} + options);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const json doc = parseJson(r.out);
        QVERIFY2(!doc.is_discarded(), r.out.left(500).constData());
        QCOMPARE(m_contracts.validate(doc, QStringLiteral("lineage.schema.json")), QStringList());
        QCOMPARE(nodeKeys(doc), nodes);
        QCOMPARE(edgePairs(doc), edges);
    }

    void realLineageUnlimitedCounts()
    {
        // Everything upstream of the ephemeral account report: 81 assets (python3 over parent_map),
        // 1 downstream, 82 edges among them.
        const auto r =
            runSightline({QStringLiteral("lineage"), m_ads, QStringLiteral("int_ad_reporting__account_report"),
                          QStringLiteral("--json"), QStringLiteral("--upstream"), QStringLiteral("all"),
                          QStringLiteral("--downstream"), QStringLiteral("all")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const json doc = parseJson(r.out);
        int up = 0, down = 0;
        for (const auto& n : doc["nodes"]) {
            up += n["role"] == "upstream";
            down += n["role"] == "downstream";
        }
        QCOMPARE(up, 81);
        QCOMPARE(down, 1);
        QCOMPARE(int(doc["edges"].size()), 82);
    }

    void realLineageTextAndDot()
    {
        auto r = runSightline({QStringLiteral("lineage"), m_shop, QStringLiteral("order_items")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(text.startsWith(
            QStringLiteral("Lineage of jaffle_shop.main.order_items (model, duckdb): 1 level up, 1 level down\n"
                           "No owner, team or channel declared.\n")));
        QVERIFY(text.contains(
            QStringLiteral("\nupstream    1     jaffle_shop.main.stg_supplies     model  duckdb    -\n")));
        QVERIFY(text.endsWith(QStringLiteral("\n4 upstream, 1 downstream, 6 edges\n")));

        r = runSightline({QStringLiteral("lineage"), m_ads, QStringLiteral("int_ad_reporting__account_report"),
                          QStringLiteral("--dot"), QStringLiteral("--upstream=all")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out.count(" -> "), 82);
        QCOMPARE(r.out.count(" [label="), 83);
        const QString dot = QStandardPaths::findExecutable(QStringLiteral("dot"));
        if (dot.isEmpty())
            QSKIP("Graphviz's dot is not installed");
        QProcess p;
        p.start(dot, {QStringLiteral("-Tsvg")});
        QVERIFY(p.waitForStarted());
        p.write(r.out);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput().count("<g id=\"node"), 83);
    }

    void badInputLeavesWorkspaceUnchanged_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason"); // part of the error after the file name
        const QByteArray manifest = readFile(jaffleManifest());
        QVERIFY(manifest.size() > 400000);
        QTest::addRow("truncated") << manifest.left(200000) << ":1:200001: invalid JSON";
        QTest::addRow("wrong JSON type") << QByteArray(
            "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"}, "
            "\"nodes\": 5}") << "/nodes: expected an object, found a number";
        QTest::addRow("empty") << QByteArray() << ": empty file";
        QTest::addRow("not metadata") << QByteArray("id,name\n1,orders\n") << ": not a format Sightline reads";
        QTest::addRow("other JSON") << QByteArray("{\"hello\": [1, 2, 3]}") << ": not a format Sightline reads";
    }

    void badInputLeavesWorkspaceUnchanged()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QVERIFY(!m_shop.isEmpty());
        const QString input = m_dir.filePath(QStringLiteral("bad-input.json"));
        QVERIFY(writeFile(input, content));
        const QString before = test::dumpWorkspace(m_shop);
        const auto r = runSightline({QStringLiteral("import"), m_shop, input});
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QStringLiteral("sightline: ") + input + u':') && err.contains(reason)
                     && err.count(u'\n') == 1,
                 qPrintable(r.describe()));
        QCOMPARE(test::dumpWorkspace(m_shop), before);

        // Into a workspace that did not exist: none is left behind.
        const QString fresh = m_dir.filePath(QStringLiteral("never.sightline"));
        QCOMPARE(runSightline({QStringLiteral("import"), fresh, input}).exitCode, 2);
        QVERIFY(!QFile::exists(fresh));
        QVERIFY(!QFile::exists(fresh + QStringLiteral("-wal")));
    }

    void manifestGivenAsWorkspace()
    {
        const QString copy = m_dir.filePath(QStringLiteral("manifest-copy.json"));
        QVERIFY(writeFile(copy, readFile(jaffleManifest())));
        const QByteArray before = fileHash(copy);
        const auto r = runSightline({QStringLiteral("import"), copy, jaffleManifest()});
        QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
        QCOMPARE(QString::fromUtf8(r.err),
                 QStringLiteral("sightline: %1: not a Sightline workspace (not an SQLite database)\n").arg(copy));
        QCOMPARE(fileHash(copy), before);
        QVERIFY(!QFile::exists(copy + QStringLiteral("-wal")));
    }

    void importsAFolderAsOneSnapshot()
    {
        const QString folder = m_dir.filePath(QStringLiteral("capture"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(writeFile(folder + QStringLiteral("/manifest.json"), readFile(jaffleManifest())));
        QVERIFY(writeFile(folder + QStringLiteral("/notes.txt"), "captured by hand\n"));
        const QString path = m_dir.filePath(QStringLiteral("folder.sightline"));
        const auto r = runSightline({QStringLiteral("import"), path, folder});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(folder + QStringLiteral("/manifest.json: dbt manifest.json v12: 25 assets, 17 edges, ")),
                 qPrintable(out));
        QVERIFY2(out.contains(folder + QStringLiteral("/notes.txt: skipped, not a format Sightline reads\n")),
                 qPrintable(out));
        QVERIFY2(out.endsWith(QStringLiteral("it now holds 19 assets, 17 edges from 1 snapshot.\n")), qPrintable(out));
    }

private:
    QTemporaryDir m_dir;
    test::JsonSchemaValidator m_contracts;
    QString m_estate;
    QString m_shop;
    QString m_ads;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
