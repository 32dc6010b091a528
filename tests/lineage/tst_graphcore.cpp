#include "lineage/graphloader.h"
#include "lineage/lineagegraph.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {

Asset node(const QString& key)
{
    Asset a;
    a.key = key;
    a.name = key;
    a.platform = QStringLiteral("bigquery");
    return a;
}

// Keys are single letters, so indices follow the alphabet: a = 0, b = 1, ...
LineageGraph letters(const QString& nodes, const QStringList& edges)
{
    QList<Asset> assets;
    for (QChar c : nodes)
        assets.append(node(QString(c)));
    QList<Edge> list;
    for (const auto& e : edges)
        list.append(Edge {e.left(1), e.right(1)});
    return LineageGraph(assets, list);
}

QString pathText(const LineageGraph& g, const std::vector<LineageGraph::Index>& path)
{
    QString out;
    for (auto i : path)
        out += g.asset(i).key;
    return out;
}

} // namespace

class TestGraphCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortestPath()
    {
        // a -> b -> c -> d, a -> e -> d, d -> f; g alone.
        const auto g = letters(QStringLiteral("abcdefg"), {"ab", "bc", "cd", "ae", "ed", "df"});
        QCOMPARE(pathText(g, g.shortestPath(0, 5)), QStringLiteral("aedf"));
        QCOMPARE(pathText(g, g.shortestPath(1, 3)), QStringLiteral("bcd"));
        QCOMPARE(pathText(g, g.shortestPath(3, 0)), QString()); // against the edges
        QCOMPARE(pathText(g, g.shortestPath(0, 6)), QString());
        QCOMPARE(pathText(g, g.shortestPath(2, 2)), QStringLiteral("c"));
        QCOMPARE(g.shortestPath(0, 99).size(), size_t(0));
    }

    void shortestPathTieIsLowestIndex()
    {
        // a -> c -> d and a -> b -> d: b comes first.
        const auto g = letters(QStringLiteral("abcd"), {"ac", "cd", "ab", "bd"});
        QCOMPARE(pathText(g, g.shortestPath(0, 3)), QStringLiteral("abd"));
    }

    void allPaths()
    {
        // Diamond twice: a -> {b, c} -> d -> {e, f} -> g, plus the shortcut a -> d, a dead end d -> h.
        const auto g =
            letters(QStringLiteral("abcdefgh"), {"ab", "ac", "bd", "cd", "ad", "de", "df", "eg", "fg", "dh"});
        bool truncated = true;
        auto paths = g.allPaths(0, 6, 1000, -1, &truncated);
        QStringList texts;
        for (const auto& p : paths)
            texts.append(pathText(g, p));
        QCOMPARE(texts, (QStringList {"abdeg", "abdfg", "acdeg", "acdfg", "adeg", "adfg"}));
        QVERIFY(!truncated);

        paths = g.allPaths(0, 6, 4, -1, &truncated);
        QCOMPARE(paths.size(), size_t(4));
        QVERIFY(truncated);

        texts.clear();
        for (const auto& p : g.allPaths(0, 6, 1000, 3, &truncated))
            texts.append(pathText(g, p));
        QCOMPARE(texts, (QStringList {"adeg", "adfg"}));
        QVERIFY(truncated);

        QCOMPARE(g.allPaths(6, 0).size(), size_t(0));
        QCOMPARE(g.allPaths(7, 6).size(), size_t(0));
        QCOMPARE(g.allPaths(3, 3).size(), size_t(1));
    }

    void allPathsInCycles()
    {
        // a -> b -> c -> b (cycle), c -> d: simple paths only, no endless loop.
        const auto g = letters(QStringLiteral("abcd"), {"ab", "bc", "cb", "cd"});
        const auto paths = g.allPaths(0, 3);
        QCOMPARE(paths.size(), size_t(1));
        QCOMPARE(pathText(g, paths.front()), QStringLiteral("abcd"));
    }

    void rootsAndLeaves()
    {
        const auto g = letters(QStringLiteral("abcdefg"), {"ab", "bc", "cd", "ae", "ed", "df"});
        QCOMPARE(g.roots(), (std::vector<LineageGraph::Index> {0, 6}));
        QCOMPARE(g.leaves(), (std::vector<LineageGraph::Index> {5, 6}));
        QCOMPARE(LineageGraph().roots().size(), size_t(0));
    }

    void closureFromMany()
    {
        const auto g = letters(QStringLiteral("abcdefg"), {"ab", "bc", "cd", "ae", "ed", "df"});
        const auto down = g.closureDown(std::vector<LineageGraph::Index> {1, 4}, -1);
        QString text;
        for (const auto& r : down)
            text += g.asset(r.node).key + QString::number(r.distance);
        QCOMPARE(text, QStringLiteral("c1d1f2"));
        QCOMPARE(g.closureUp(std::vector<LineageGraph::Index> {3}, 1).size(), size_t(2));
        QCOMPARE(g.closureUp(std::vector<LineageGraph::Index> {3, 2}, -1).size(), size_t(3)); // a, b, e
    }

    void findFolded()
    {
        QList<Asset> assets = {node(QStringLiteral("p.s.Orders")), node(QStringLiteral("q.s.x"))};
        assets[1].name = QStringLiteral("ORDERS");
        const LineageGraph g(assets, QList<Edge> {});
        QCOMPARE(g.findFolded(QStringLiteral("orders")), (std::vector<LineageGraph::Index> {1}));
        QCOMPARE(g.findFolded(QStringLiteral("p.s.orders")), (std::vector<LineageGraph::Index> {0}));
    }

    void loaderMatchesWorkspace()
    {
        // The lean loader gives the very graph Workspace::assets() + edges() give, retired assets
        // and their edges left out.
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.sightline")), Workspace::OpenMode::Create);
        auto snapshot = [&ws](const char* hash) {
            auto stmt = ws->db().prepare(
                "INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('test', 'x', ?1, 0)");
            stmt.bind(1, QString::fromLatin1(hash)).exec();
            return ws->db().lastInsertRowId();
        };
        {
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, snapshot("h1"));
            w.beginSource(QStringLiteral("dbt:p"), {});
            for (const char* key : {"p.s.c", "p.s.a", "p.s.b", "p.s.gone"}) {
                Asset a = node(QString::fromLatin1(key));
                a.tags = {QStringLiteral("t1"), QStringLiteral("t2")};
                a.owner = QStringLiteral("ana");
                w.asset(a);
            }
            w.edge(QStringLiteral("p.s.a"), QStringLiteral("p.s.b"));
            w.edge(QStringLiteral("p.s.b"), QStringLiteral("p.s.c"));
            w.edge(QStringLiteral("p.s.a"), QStringLiteral("p.s.gone"));
            w.finish();
            tx.commit();
        }
        {
            sql::Transaction tx(ws->db());
            WorkspaceWriter w(*ws, snapshot("h2"));
            w.beginSource(QStringLiteral("dbt:p"), {});
            for (const char* key : {"p.s.c", "p.s.a", "p.s.b"}) {
                Asset a = node(QString::fromLatin1(key));
                a.tags = {QStringLiteral("t1"), QStringLiteral("t2")};
                w.asset(a);
            }
            w.edge(QStringLiteral("p.s.a"), QStringLiteral("p.s.b"));
            w.edge(QStringLiteral("p.s.b"), QStringLiteral("p.s.c"));
            w.edge(QStringLiteral("p.s.a"), QStringLiteral("p.s.gone"));
            w.finish();
            tx.commit();
        }
        const auto lean = loadLineageGraph(*ws);
        const LineageGraph plain(ws->assets(), ws->edges());
        QCOMPARE(lean->size(), 3);
        QCOMPARE(lean->assets(), plain.assets());
        QCOMPARE(lean->edgeCount(), 2);
        for (LineageGraph::Index i = 0; i < 3; ++i) {
            QCOMPARE(std::vector<LineageGraph::Index>(lean->downstream(i).begin(), lean->downstream(i).end()),
                     std::vector<LineageGraph::Index>(plain.downstream(i).begin(), plain.downstream(i).end()));
        }
        QCOMPARE(lean->asset(0).tags, (QStringList {"t1", "t2"}));
        QCOMPARE(LineageGraph::fromWorkspace(*ws)->size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestGraphCore)
#include "tst_graphcore.moc"
