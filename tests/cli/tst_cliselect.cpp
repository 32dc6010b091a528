#include "jsonschema.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace sightline;
using nlohmann::json;

// The selector-driven commands end to end: lineage SELECTOR, assets --select, impact.
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

Result runSightline(const QStringList& args)
{
    QProcess p;
    p.setProgram(QCoreApplication::applicationDirPath() + QStringLiteral("/sightline"));
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

Asset makeAsset(const char* key, AssetKind kind, const char* name, const char* owner = "")
{
    Asset a;
    a.key = QString::fromUtf8(key);
    a.kind = kind;
    a.name = QString::fromUtf8(name);
    a.platform = QStringLiteral("bigquery");
    a.owner = QString::fromUtf8(owner);
    a.systems = {QStringLiteral("dbt")};
    return a;
}

//   raw.shop.orders -> proj.stg.stg_orders ----------> proj.marts.orders -> looker:dashboard:9 -> app:pricing
//   raw.shop.customers -> proj.stg.stg_customers ---^   \-> proj.marts.customers
void writeEstate(const QString& path)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::Create);
    sql::Transaction tx(ws->db());
    ws->db().exec("INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('t', 'x', 'h', 0)");
    WorkspaceWriter w(*ws, ws->db().lastInsertRowId());
    w.beginSource(QStringLiteral("dbt:proj"), {});
    w.asset(makeAsset("raw.shop.orders", AssetKind::Source, "orders", "data-eng"));
    w.asset(makeAsset("raw.shop.customers", AssetKind::Source, "customers_raw", "data-eng"));
    w.asset(makeAsset("proj.stg.stg_orders", AssetKind::Model, "stg_orders"));
    w.asset(makeAsset("proj.stg.stg_customers", AssetKind::Model, "stg_customers"));
    Asset orders = makeAsset("proj.marts.orders", AssetKind::Model, "orders", "Zoë");
    orders.team = QStringLiteral("sales");
    orders.channel = QStringLiteral("#sales-alerts");
    orders.tags = {QStringLiteral("finance")};
    w.asset(orders);
    w.asset(makeAsset("proj.marts.customers", AssetKind::Model, "customers", "crm"));
    Asset dash = makeAsset("looker:dashboard:9", AssetKind::Dashboard, "Weekly KPIs");
    dash.platform = QStringLiteral("looker");
    dash.channel = QStringLiteral("#bi");
    w.asset(dash);
    w.asset(makeAsset("app:pricing", AssetKind::Application, "Pricing app"));
    auto edge = [&w](const char* from, const char* to) { w.edge(QString::fromUtf8(from), QString::fromUtf8(to)); };
    edge("raw.shop.orders", "proj.stg.stg_orders");
    edge("raw.shop.customers", "proj.stg.stg_customers");
    edge("proj.stg.stg_orders", "proj.marts.orders");
    edge("proj.stg.stg_customers", "proj.marts.orders");
    edge("proj.stg.stg_customers", "proj.marts.customers");
    edge("proj.marts.orders", "looker:dashboard:9");
    edge("looker:dashboard:9", "app:pricing");
    w.finish();
    tx.commit();
}

QStringList keys(const json& array)
{
    QStringList out;
    for (const auto& n : array)
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

class TestCliSelect : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::JsonSchemaValidator m_contracts;
    QString m_estate;

    json runJson(const QStringList& args, const QString& schema)
    {
        const auto r = runSightline(args);
        if (r.exitCode != 0 || !r.err.isEmpty())
            qWarning("%s", qPrintable(r.describe()));
        const json doc = json::parse(r.out.toStdString(), nullptr, false);
        const QStringList problems = m_contracts.validate(doc, schema);
        if (!problems.isEmpty())
            qWarning("%s", qPrintable(problems.join(u'\n')));
        return problems.isEmpty() && r.exitCode == 0 ? doc : json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_contracts.loadDirectory(test::contractsDir(), &error), qPrintable(error));
        m_estate = m_dir.filePath(QStringLiteral("estate.sightline"));
        writeEstate(m_estate);
    }

    void lineageSelector_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<int>("edges");
        QTest::addRow("+model") << QStringList {"+proj.marts.orders"}
                                << QStringList {"proj.marts.orders", "proj.stg.stg_customers", "proj.stg.stg_orders",
                                                "raw.shop.customers", "raw.shop.orders"}
                                << 4;
        QTest::addRow("tag, widened downstream") << QStringList {"tag:finance", "--downstream", "1"}
                                                 << QStringList {"proj.marts.orders", "looker:dashboard:9"} << 1;
        QTest::addRow("wildcard and exclude")
            << QStringList {"stg_*", "--exclude", "stg_orders"} << QStringList {"proj.stg.stg_customers"} << 0;
        QTest::addRow("union of names") << QStringList {"stg_orders orders"}
                                        << QStringList {"proj.marts.orders", "proj.stg.stg_orders", "raw.shop.orders"}
                                        << 2;
        QTest::addRow("nothing") << QStringList {"kind:seed"} << QStringList {} << 0;
    }

    void lineageSelector()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, nodes);
        QFETCH(int, edges);
        const json doc = runJson(QStringList {QStringLiteral("lineage"), m_estate, QStringLiteral("--json")} + args,
                                 QStringLiteral("lineage.schema.json"));
        QVERIFY(doc.is_object());
        QCOMPARE(keys(doc["nodes"]), nodes);
        QCOMPARE(int(doc["edges"].size()), edges);
    }

    void lineageSelectorEdges()
    {
        const json doc = runJson({QStringLiteral("lineage"), m_estate, QStringLiteral("+proj.marts.orders"),
                                  QStringLiteral("--format"), QStringLiteral("json")},
                                 QStringLiteral("lineage.schema.json"));
        QCOMPARE(
            edgePairs(doc),
            (QStringList {"proj.stg.stg_customers -> proj.marts.orders", "proj.stg.stg_orders -> proj.marts.orders",
                          "raw.shop.customers -> proj.stg.stg_customers", "raw.shop.orders -> proj.stg.stg_orders"}));
        for (const auto& n : doc["nodes"])
            QVERIFY(n["role"] == "focus" && n["distance"] == 0);
    }

    void lineageKeyStillFocuses()
    {
        // An asset key keeps the foundation's behaviour: a neighbourhood one step each way.
        const json doc = runJson(
            {QStringLiteral("lineage"), m_estate, QStringLiteral("proj.marts.orders"), QStringLiteral("--json")},
            QStringLiteral("lineage.schema.json"));
        QCOMPARE(
            keys(doc["nodes"]),
            (QStringList {"proj.marts.orders", "proj.stg.stg_customers", "proj.stg.stg_orders", "looker:dashboard:9"}));
    }

    void lineageText()
    {
        const auto r = runSightline({QStringLiteral("lineage"), m_estate, QStringLiteral("stg_orders+1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.startsWith(QStringLiteral("Selection stg_orders+1: 2 assets\n")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("selected  0     proj.stg.stg_orders")), qPrintable(out));
        QVERIFY2(out.endsWith(QStringLiteral("\n2 selected, 0 upstream, 0 downstream, 1 edge\n")), qPrintable(out));
    }

    void outputFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("out.dot"));
        const auto r = runSightline({QStringLiteral("lineage"), m_estate, QStringLiteral("@stg_customers"),
                                     QStringLiteral("--dot"), QStringLiteral("-o"), file});
        QVERIFY2(r.exitCode == 0 && r.out.isEmpty() && r.err.isEmpty(), qPrintable(r.describe()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray dot = f.readAll();
        QVERIFY(dot.startsWith("digraph lineage {\n"));
        // @stg_customers: its descendants are both marts, the dashboard and the app; their ancestors
        // add stg_orders and both raw tables: all 8 assets and all 7 edges.
        QCOMPARE(dot.count(" -> "), 7);
    }

    void assetsSelect_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("kind and owner") << QStringList {"--select", "kind:model,owner:*"}
                                        << QStringList {"proj.marts.customers", "proj.marts.orders"};
        QTest::addRow("name+") << QStringList {"--select", "orders+"}
                               << QStringList {"app:pricing", "looker:dashboard:9", "proj.marts.orders",
                                               "proj.stg.stg_orders", "raw.shop.orders"};
        QTest::addRow("exclude only") << QStringList {"--exclude", "kind:model"}
                                      << QStringList {"app:pricing", "looker:dashboard:9", "raw.shop.customers",
                                                      "raw.shop.orders"};
        QTest::addRow("platform") << QStringList {"--select", "platform:looker+"}
                                  << QStringList {"app:pricing", "looker:dashboard:9"};
        QTest::addRow("status, no incidents") << QStringList {"--select", "status:open"} << QStringList {};
    }

    void assetsSelect()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, expected);
        const json doc = runJson(QStringList {QStringLiteral("assets"), m_estate, QStringLiteral("--json")} + args,
                                 QStringLiteral("assets.schema.json"));
        QVERIFY(doc.is_array());
        QCOMPARE(keys(doc), expected);
    }

    void impactJson()
    {
        const json doc =
            runJson({QStringLiteral("impact"), m_estate, QStringLiteral("raw.shop.orders"), QStringLiteral("--json")},
                    QStringLiteral("impact.schema.json"));
        QVERIFY(doc["asset"] == "raw.shop.orders");
        QCOMPARE(keys(doc["downstream"]),
                 (QStringList {"proj.stg.stg_orders", "proj.marts.orders", "looker:dashboard:9", "app:pricing"}));
        QVERIFY(doc["downstream"][3]["distance"] == 4);
        QVERIFY(doc["channels"] == json({"#bi", "#sales-alerts"}));
        QVERIFY(doc["unowned"] == json({"app:pricing", "looker:dashboard:9", "proj.stg.stg_orders"}));
    }

    void impactCsvAndText()
    {
        auto r = runSightline(
            {QStringLiteral("impact"), m_estate, QStringLiteral("stg_customers"), QStringLiteral("--csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out,
                 QByteArray("key,name,kind,platform,distance,owner,team,channel,unowned\r\n"
                            "proj.marts.customers,customers,model,bigquery,1,crm,,,no\r\n"
                            "proj.marts.orders,orders,model,bigquery,1,Zoë,sales,#sales-alerts,no\r\n"
                            "looker:dashboard:9,Weekly KPIs,dashboard,looker,2,,,#bi,yes\r\n"
                            "app:pricing,Pricing app,application,bigquery,3,,,,yes\r\n"));
        r = runSightline({QStringLiteral("impact"), m_estate, QStringLiteral("stg_customers")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(
            out.startsWith(QStringLiteral("Impact of proj.stg.stg_customers (model, bigquery): 4 assets downstream\n")),
            qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("\nmodel (2)\n")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Channels to notify: #bi, #sales-alerts\n")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Without an owner (2): app:pricing, looker:dashboard:9\n")),
                 qPrintable(out));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("selector") << QStringList {"lineage", "@estate", "tag:,x"} << 2
                                  << "sightline: selector 'tag:,x': position 5: expected a value after 'tag:'\n";
        QTest::addRow("exclude") << QStringList {"lineage", "@estate", "a", "--exclude", "@+b"} << 2
                                 << "sightline: --exclude '@+b': position 2: '@' cannot be combined with '+'\n";
        QTest::addRow("assets --select") << QStringList {"assets", "@estate", "--select", "a,,b"} << 2
                                         << "sightline: --select 'a,,b': position 3: expected a selector after ','\n";
        QTest::addRow("svg without -o") << QStringList {"lineage", "--format", "svg", "@estate", "orders"} << 1
                                        << "--format svg writes a file: give -o FILE";
        QTest::addRow("unknown name") << QStringList {"lineage", "@estate", "ordrs"} << 2
                                      << "sightline: no asset 'ordrs' in @estate; did you mean: ";
        QTest::addRow("ambiguous name") << QStringList {"impact", "@estate", "ORDERS"} << 2
                                        << "sightline: 'ORDERS' names 2 assets; give one of their keys: "
                                           "proj.marts.orders, raw.shop.orders\n";
        QTest::addRow("impact without asset") << QStringList {"impact", "@estate"} << 1 << "missing ASSET";
        QTest::addRow("impact json and csv") << QStringList {"impact", "--json", "--csv", "@estate", "orders"} << 1
                                             << "--json and --csv ask for different outputs";
        QTest::addRow("impact, missing workspace")
            << QStringList {"impact", "@estate.nope", "x"} << 3 << "no such workspace";
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        for (auto& arg : args)
            arg.replace(QStringLiteral("@estate"), m_estate);
        message.replace(QStringLiteral("@estate"), m_estate);
        const auto r = runSightline(args);
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.describe()));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
        const QString err = QString::fromUtf8(r.err);
        // Not a terminal: one line, no caret.
        QVERIFY2(err.count(u'\n') == 1 && err.contains(message), qPrintable(r.describe()));
    }

    void drawsToFiles_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("magic");
        QTest::addRow("svg") << "svg" << QByteArray("<?xml");
        QTest::addRow("png") << "png" << QByteArray("\x89PNG");
        QTest::addRow("pdf") << "pdf" << QByteArray("%PDF");
    }

    void drawsToFiles()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, magic);
        QTemporaryDir dir;
        const QString file = dir.filePath("lineage." + format);
        const auto r = runSightline({"lineage", m_estate, "stg_orders", "--format", format, "-o", file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY2(bytes.startsWith(magic), bytes.left(16).constData());
        if (format == u"svg")
            QVERIFY(bytes.contains("stg_orders")); // labels stay text in the vector output

        // A selector's set is not one neighbourhood: refused, nothing written.
        const QString other = dir.filePath("set." + format);
        const auto refused = runSightline({"lineage", m_estate, "tag:nightly", "--format", format, "-o", other});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(QString::fromUtf8(refused.err).contains("is not a single asset"));
        QVERIFY(!QFile::exists(other));
    }

    void help()
    {
        auto r = runSightline({QStringLiteral("--help")});
        QVERIFY(QString::fromUtf8(r.out).contains(QStringLiteral("  impact WORKSPACE ASSET")));
        r = runSightline({QStringLiteral("impact"), QStringLiteral("--help")});
        QVERIFY2(r.exitCode == 0 && r.out.startsWith("Usage: sightline impact"), qPrintable(r.describe()));
        r = runSightline({QStringLiteral("lineage"), QStringLiteral("--help")});
        QVERIFY(r.out.contains("--exclude <SELECTOR>"));
        QVERIFY(r.out.contains("-o, --output <FILE>"));
    }
};

QTEST_GUILESS_MAIN(TestCliSelect)
#include "tst_cliselect.moc"
