#include "lineage/columngraph.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

// Column lineage as importers store it (WorkspaceWriter::columnEdge), traced end to end:
//
//   raw.orders.id ----IDENTITY----> stg.orders.order_id --> mart.revenue.order_count --> bi:dash:1.orders
//   raw.orders.amount -> stg.orders.amount_usd -> mart.revenue.total  (also <- raw.fx.rate)
//   stg.orders.order_id -> mart.customers.order_ids (a second branch)
class TestColumnGraph : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const ColumnGraph> m_graph;

    static QStringList text(const ColumnGraph::Trace& trace)
    {
        QStringList out;
        for (const auto& r : trace.columns) {
            out.append(QStringLiteral("%1%2.%3@%4")
                           .arg(QChar(r.upstream ? u'^' : u'v'))
                           .arg(r.column.assetKey, r.column.column)
                           .arg(r.distance));
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto ws = Workspace::open(m_dir.filePath(QStringLiteral("c.sightline")), Workspace::OpenMode::Create);
        auto stmt = ws->db().prepare(
            "INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('test', 'x', 'h', 0)");
        stmt.exec();
        sql::Transaction tx(ws->db());
        WorkspaceWriter w(*ws, ws->db().lastInsertRowId());
        w.beginSource(QStringLiteral("openlineage:test"), {});
        for (const char* key : {"raw.orders", "raw.fx", "stg.orders", "mart.revenue", "mart.customers", "bi:dash:1"}) {
            Asset a;
            a.key = QString::fromLatin1(key);
            a.name = a.key;
            a.platform = QStringLiteral("bigquery");
            w.asset(a);
        }
        auto link = [&w](const char* fk, const char* fc, const char* tk, const char* tc, const char* how = "") {
            w.columnEdge(ColumnEdge {QString::fromLatin1(fk), QString::fromLatin1(fc), QString::fromLatin1(tk),
                                     QString::fromLatin1(tc), QString::fromLatin1(how)});
        };
        link("raw.orders", "id", "stg.orders", "order_id", "IDENTITY");
        link("stg.orders", "order_id", "mart.revenue", "order_count", "AGGREGATION");
        link("mart.revenue", "order_count", "bi:dash:1", "orders");
        link("raw.orders", "amount", "stg.orders", "amount_usd");
        link("raw.fx", "rate", "stg.orders", "amount_usd");
        link("stg.orders", "amount_usd", "mart.revenue", "total");
        link("stg.orders", "order_id", "mart.customers", "order_ids");
        QCOMPARE(w.columnEdgeCount(), 7);
        w.finish();
        tx.commit();
        m_graph = ColumnGraph::fromWorkspace(*ws);
        QCOMPARE(m_graph->linkCount(), 7);
        QCOMPARE(m_graph->columnCount(), 9);
    }

    void downstream()
    {
        const auto trace = traceColumn(*m_graph, QStringLiteral("raw.orders"), QStringLiteral("id"),
                                       ColumnGraph::Direction::Downstream);
        QCOMPARE(text(trace),
                 (QStringList {"vstg.orders.order_id@1", "vmart.customers.order_ids@2", "vmart.revenue.order_count@2",
                               "vbi:dash:1.orders@3"}));
        QCOMPARE(trace.links.size(), size_t(4));
        QCOMPARE(trace.links[1].transformation, QStringLiteral("IDENTITY")); // links sorted by source column
    }

    void upstream()
    {
        const auto trace =
            m_graph->trace(QStringLiteral("mart.revenue"), QStringLiteral("TOTAL"), ColumnGraph::Direction::Upstream);
        QCOMPARE(text(trace), (QStringList {"^stg.orders.amount_usd@1", "^raw.fx.rate@2", "^raw.orders.amount@2"}));
        QCOMPARE(trace.links.size(), size_t(3));
    }

    void both()
    {
        const auto trace =
            m_graph->trace(QStringLiteral("stg.orders"), QStringLiteral("order_id"), ColumnGraph::Direction::Both, 1);
        QCOMPARE(text(trace),
                 (QStringList {"^raw.orders.id@1", "vmart.customers.order_ids@1", "vmart.revenue.order_count@1"}));
        QCOMPARE(trace.links.size(), size_t(3));
    }

    void unknown()
    {
        QVERIFY(!m_graph->contains(QStringLiteral("stg.orders"), QStringLiteral("nope")));
        QVERIFY(m_graph->contains(QStringLiteral("stg.orders"), QStringLiteral("ORDER_ID")));
        QVERIFY(m_graph->trace(QStringLiteral("x"), QStringLiteral("y"), ColumnGraph::Direction::Both).columns.empty());
        // A column with no lineage has none, in either direction.
        QVERIFY(
            m_graph->trace(QStringLiteral("bi:dash:1"), QStringLiteral("orders"), ColumnGraph::Direction::Downstream)
                .columns.empty());
    }
};

QTEST_GUILESS_MAIN(TestColumnGraph)
#include "tst_columngraph.moc"
