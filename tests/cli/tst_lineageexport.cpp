#include "export/assetjson.h"
#include "export/lineageexport.h"
#include "jsonschema.h"
#include "testutil.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace sightline;
using json = nlohmann::json;

namespace {
Asset asset(const QString& key, AssetKind kind, const QString& name = {})
{
    Asset a;
    a.key = key;
    a.kind = kind;
    a.platform = QStringLiteral("bigquery");
    a.name = name.isEmpty() ? key.section(u'.', -1) : name;
    return a;
}

// a -> b -> c -> d, b -> e, x -> c, and a cycle-free side branch f (unconnected).
LineageGraph graph()
{
    QList<Asset> assets = {
        asset(QStringLiteral("p.s.a"), AssetKind::Source), asset(QStringLiteral("p.s.b"), AssetKind::Model),
        asset(QStringLiteral("p.s.c"), AssetKind::Model),  asset(QStringLiteral("p.s.d"), AssetKind::Dashboard),
        asset(QStringLiteral("p.s.e"), AssetKind::Model),  asset(QStringLiteral("p.s.x"), AssetKind::Seed),
        asset(QStringLiteral("p.s.f"), AssetKind::Table)};
    auto e = [](const char* from, const char* to) {
        return Edge {QStringLiteral("p.s.") + QLatin1String(from), QStringLiteral("p.s.") + QLatin1String(to)};
    };
    return LineageGraph(assets, {e("a", "b"), e("b", "c"), e("c", "d"), e("b", "e"), e("x", "c")});
}

QStringList keysOf(const LineageSelection& s)
{
    QStringList out;
    for (const auto& n : s.nodes)
        out.append(QStringLiteral("%1:%2:%3").arg(n.asset.key.section(u'.', -1), roleName(n.role)).arg(n.distance));
    return out;
}

QStringList edgesOf(const LineageSelection& s)
{
    QStringList out;
    for (const auto& e : s.edges)
        out.append(e.from.section(u'.', -1) + QStringLiteral("->") + e.to.section(u'.', -1));
    return out;
}
} // namespace

class TestLineageExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void selectsInDocumentedOrder_data()
    {
        QTest::addColumn<QString>("focus");
        QTest::addColumn<int>("up");
        QTest::addColumn<int>("down");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QStringList>("edges");
        QTest::addRow("c, 1 and 1") << "c" << 1 << 1
                                    << QStringList {"c:focus:0", "b:upstream:1", "x:upstream:1", "d:downstream:1"}
                                    << QStringList {"b->c", "c->d", "x->c"};
        QTest::addRow("c, all up, none down")
            << "c" << -1 << 0 << QStringList {"c:focus:0", "b:upstream:1", "x:upstream:1", "a:upstream:2"}
            << QStringList {"a->b", "b->c", "x->c"};
        QTest::addRow("b, 0 up, all down")
            << "b" << 0 << -1 << QStringList {"b:focus:0", "c:downstream:1", "e:downstream:1", "d:downstream:2"}
            << QStringList {"b->c", "b->e", "c->d"};
        QTest::addRow("isolated") << "f" << 3 << 3 << QStringList {"f:focus:0"} << QStringList {};
    }

    void selectsInDocumentedOrder()
    {
        QFETCH(QString, focus);
        QFETCH(int, up);
        QFETCH(int, down);
        QFETCH(QStringList, nodes);
        QFETCH(QStringList, edges);
        const auto g = graph();
        const auto s = selectLineage(g, g.indexOf(QStringLiteral("p.s.") + focus), up, down);
        QCOMPARE(keysOf(s), nodes);
        QCOMPARE(edgesOf(s), edges);
    }

    void assetJsonHasContractFieldsAndNulls()
    {
        Asset a = asset(QStringLiteral("p.s.t"), AssetKind::View, QStringLiteral("Tëst \"quoted\" \\ 🚗"));
        a.tags = QStringList {QStringLiteral("x")};
        a.owner = QStringLiteral("ann");
        const json j = assetToJson(a);
        QVERIFY(j["key"] == "p.s.t");
        QVERIFY(j["kind"] == "view");
        QVERIFY(j["owner"] == "ann");
        QVERIFY(j["team"].is_null());
        QVERIFY(j["channel"].is_null());
        QVERIFY(j["description"].is_null());
        QVERIFY(j["tags"] == json::array({"x"}));
        // UTF-8 exact and escaped only where JSON requires it.
        const QByteArray bytes = toJsonBytes(j, false);
        QVERIFY(bytes.contains(QStringLiteral("\"name\":\"Tëst \\\"quoted\\\" \\\\ 🚗\"").toUtf8()));
        QVERIFY(bytes.endsWith('\n'));

        test::JsonSchemaValidator v;
        QVERIFY(v.loadDirectory(test::contractsDir()));
        QCOMPARE(v.validate(j, QStringLiteral("asset.schema.json")), QStringList());
    }

    void assetsSortedByKey()
    {
        const json j = assetsToJson({asset(QStringLiteral("b.x"), AssetKind::Table),
                                     asset(QStringLiteral("a.y"), AssetKind::Table),
                                     asset(QStringLiteral("B.z"), AssetKind::Table)});
        QCOMPARE(j.size(), size_t(3));
        QVERIFY(j[0]["key"] == "B.z");
        QVERIFY(j[1]["key"] == "a.y");
        QVERIFY(j[2]["key"] == "b.x");
    }

    void streamedAssetsEqualTheDocument_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("pretty");
        QTest::addRow("none") << 0 << true;
        QTest::addRow("one") << 1 << true;
        QTest::addRow("several chunks, pretty") << 700 << true;
        QTest::addRow("several chunks, compact") << 700 << false;
    }

    void streamedAssetsEqualTheDocument()
    {
        QFETCH(int, count);
        QFETCH(bool, pretty);
        QList<Asset> assets;
        for (int i = count; i > 0; --i) {
            Asset a = asset(QStringLiteral("p.s.t%1").arg(i), AssetKind::Model, QStringLiteral("näme \"%1\"\n").arg(i));
            a.tags = QStringList {QStringLiteral("a"), QStringLiteral("b")};
            a.description = QString(100, u'd');
            assets.append(a);
        }
        QByteArray streamed;
        int writes = 0;
        writeAssetsJson(
            assets,
            [&](const QByteArray& chunk) {
                streamed += chunk;
                ++writes;
            },
            pretty);
        QCOMPARE(streamed, toJsonBytes(assetsToJson(assets), pretty));
        QCOMPARE(writes > 1, streamed.size() > 64 * 1024);
    }

    void lineageJsonFollowsTheContract()
    {
        const auto g = graph();
        const json j = lineageToJson(selectLineage(g, g.indexOf(QStringLiteral("p.s.c")), 1, 1));
        test::JsonSchemaValidator v;
        QVERIFY(v.loadDirectory(test::contractsDir()));
        QCOMPARE(v.validate(j, QStringLiteral("lineage.schema.json")), QStringList());
        QVERIFY(j["nodes"].size() == size_t(4));
        QVERIFY(j["nodes"][0]["role"] == "focus");
        QVERIFY(j["nodes"][3]["distance"] == 1);
        QVERIFY(j["edges"][0] == json({{"from", "p.s.b"}, {"to", "p.s.c"}}));
    }

    void dotEscapes()
    {
        QCOMPARE(dotEscape(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(dotEscape(QStringLiteral("a\"b\\c")), QStringLiteral("a\\\"b\\\\c"));
        QCOMPARE(dotEscape(QStringLiteral("two\nlines\ttab")), QStringLiteral("two\\nlines tab"));
    }

    void dotIsValidGraphviz()
    {
        QList<Asset> assets = {
            asset(QStringLiteral("p.s.\"odd\\key"), AssetKind::Model, QStringLiteral("Näme \"q\"\nline")),
            asset(QStringLiteral("dbt:dashboard:p.kpi"), AssetKind::Dashboard, QStringLiteral("-> { } ;"))};
        const LineageGraph g(assets, {Edge {assets[0].key, assets[1].key}});
        const QByteArray dot = lineageToDot(selectLineage(g, 0, 1, 1));
        QVERIFY(dot.startsWith("digraph lineage {\n"));
        QVERIFY(dot.contains("rankdir=LR"));
        QVERIFY(dot.contains("\"p.s.\\\"odd\\\\key\" -> \"dbt:dashboard:p.kpi\";\n"));
        QVERIFY(dot.contains("penwidth"));
        const QString dotBinary = QStandardPaths::findExecutable(QStringLiteral("dot"));
        if (dotBinary.isEmpty())
            QSKIP("Graphviz's dot is not installed");
        QProcess p;
        p.start(dotBinary, {QStringLiteral("-Tplain")});
        QVERIFY(p.waitForStarted());
        p.write(dot);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray plain = p.readAllStandardOutput();
        // -Tplain lists the nodes by their ids (quoted when needed): both are there, and one edge.
        QCOMPARE(plain.count("\nnode "), 2);
        QCOMPARE(plain.count("\nedge "), 1);
        QVERIFY(p.readAllStandardError().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLineageExport)
#include "tst_lineageexport.moc"
