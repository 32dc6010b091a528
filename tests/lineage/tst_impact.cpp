#include "export/impactexport.h"
#include "jsonschema.h"
#include "lineage/impact.h"
#include "testutil.h"

#include <QTest>

using namespace sightline;

// Impact on a hand-made estate:
//   raw.orders -> stg.orders -> mart.revenue -> looker:dashboard:7
//                            -> mart.customers -> looker:dashboard:7, looker:look:3
//   raw.other (unrelated)
class TestImpact : public QObject
{
    Q_OBJECT

private:
    LineageGraph m_graph;

    static Asset asset(const char* key, AssetKind kind, const char* owner, const char* team, const char* channel)
    {
        Asset a;
        a.key = QString::fromLatin1(key);
        a.name = a.key.section(u'.', -1).section(u':', -1);
        a.kind = kind;
        a.platform = QStringLiteral("bigquery");
        a.owner = QString::fromLatin1(owner);
        a.team = QString::fromLatin1(team);
        a.channel = QString::fromLatin1(channel);
        return a;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QList<Asset> assets = {
            asset("looker:dashboard:7", AssetKind::Dashboard, "", "bi", "#bi-alerts"),
            asset("looker:look:3", AssetKind::Look, "", "", "#bi-alerts"),
            asset("mart.customers", AssetKind::Model, "bob", "growth", "#growth, \"urgent\""),
            asset("mart.revenue", AssetKind::Model, "ana", "finance", "#fin-alerts"),
            asset("raw.orders", AssetKind::Source, "ops", "", ""),
            asset("raw.other", AssetKind::Table, "", "", ""),
            asset("stg.orders", AssetKind::Model, "ana", "finance", "#fin-alerts"),
        };
        auto e = [](const char* f, const char* t) { return Edge {QString::fromLatin1(f), QString::fromLatin1(t)}; };
        m_graph =
            LineageGraph(assets,
                         QList<Edge> {e("raw.orders", "stg.orders"), e("stg.orders", "mart.revenue"),
                                      e("stg.orders", "mart.customers"), e("mart.revenue", "looker:dashboard:7"),
                                      e("mart.customers", "looker:dashboard:7"), e("mart.customers", "looker:look:3")});
    }

    void impact()
    {
        const Impact impact = computeImpact(m_graph, m_graph.indexOf(QStringLiteral("raw.orders")));
        QCOMPARE(impact.asset.key, QStringLiteral("raw.orders"));
        QStringList order;
        for (const auto& d : impact.downstream)
            order.append(d.asset.key + u'@' + QString::number(d.distance));
        QCOMPARE(order,
                 (QStringList {"stg.orders@1", "mart.customers@2", "mart.revenue@2", "looker:dashboard:7@3",
                               "looker:look:3@3"}));
        QCOMPARE(impact.channels, (QStringList {"#bi-alerts", "#fin-alerts", "#growth, \"urgent\""}));
        QCOMPARE(impact.unowned, (QStringList {"looker:dashboard:7", "looker:look:3"}));
        const auto groups = impact.byKind();
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups[0].first, AssetKind::Model);
        QCOMPARE(groups[0].second.size(), 3);
        QCOMPARE(groups[1].first, AssetKind::Dashboard);
        QCOMPARE(groups[2].first, AssetKind::Look);

        const Impact shallow = computeImpact(m_graph, m_graph.indexOf(QStringLiteral("raw.orders")), 1);
        QCOMPARE(shallow.downstream.size(), 1);
        QVERIFY(computeImpact(m_graph, m_graph.indexOf(QStringLiteral("raw.other"))).downstream.isEmpty());
        QVERIFY(computeImpact(m_graph, LineageGraph::npos).asset.key.isEmpty());
    }

    void json()
    {
        const Impact impact = computeImpact(m_graph, m_graph.indexOf(QStringLiteral("stg.orders")));
        const auto doc = impactToJson(impact);
        test::JsonSchemaValidator validator;
        QString error;
        QVERIFY2(validator.loadDirectory(test::contractsDir(), &error), qPrintable(error));
        QCOMPARE(validator.validate(doc, QStringLiteral("impact.schema.json")), QStringList());
        QVERIFY(doc["asset"] == "stg.orders");
        QCOMPARE(doc["downstream"].size(), size_t(4));
        QVERIFY(doc["downstream"][0]["key"] == "mart.customers");
        QVERIFY(doc["downstream"][0]["distance"] == 1);
        QVERIFY(doc["downstream"][3]["distance"] == 2);
        QCOMPARE(doc["channels"].size(), size_t(3));
        QVERIFY(doc["unowned"] == nlohmann::json({"looker:dashboard:7", "looker:look:3"}));
    }

    void csv()
    {
        const Impact impact = computeImpact(m_graph, m_graph.indexOf(QStringLiteral("mart.customers")));
        QCOMPARE(impactToCsv(impact),
                 QByteArray("key,name,kind,platform,distance,owner,team,channel,unowned\r\n"
                            "looker:dashboard:7,7,dashboard,bigquery,1,,bi,#bi-alerts,yes\r\n"
                            "looker:look:3,3,look,bigquery,1,,,#bi-alerts,yes\r\n"));
        const Impact root = computeImpact(m_graph, m_graph.indexOf(QStringLiteral("stg.orders")));
        QVERIFY(impactToCsv(root).contains("\r\nmart.customers,customers,model,bigquery,1,bob,growth,"
                                           "\"#growth, \"\"urgent\"\"\",no\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestImpact)
#include "tst_impact.moc"
