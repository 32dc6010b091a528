#include "lineage/lineagegraph.h"
#include "lineage/selector.h"

#include <QTest>

#include <algorithm>

using namespace sightline;

// Selector semantics on a small estate built so that each of dbt's documented examples
// (docs.getdbt.com/reference/node-selection: graph-operators, set-operators, exclude) has a
// different, hand-checked answer.
//
//   raw.app.events   -> stg_events   -> snowplow_sessions
//   raw.app.users    -> stg_users    -> snowplow_sessions, fct_orders
//   raw.shop.orders  -> stg_orders   -> fct_orders -> looker:dashboard:1 ("Revenue overview")
//   raw.shop.invoices-> stg_invoices -> fct_revenue -> looker:dashboard:1
//   raw.crm.accounts -> stg_accounts -> fct_revenue, dim_accounts
class TestSelector : public QObject
{
    Q_OBJECT

private:
    LineageGraph m_graph;

    static Asset asset(const QString& key, AssetKind kind, const QString& name, const QString& schema,
                       const QStringList& tags = {})
    {
        Asset a;
        a.key = key;
        a.kind = kind;
        a.name = name;
        a.schema = schema;
        a.tags = tags;
        a.platform = QStringLiteral("bigquery");
        return a;
    }

    QStringList names(const std::vector<LineageGraph::Index>& selected) const
    {
        QStringList out;
        for (auto i : selected)
            out.append(m_graph.asset(i).name);
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QList<Asset> assets = {
            asset("raw.app.events", AssetKind::Source, "events", "app"),
            asset("raw.app.users", AssetKind::Source, "users", "app"),
            asset("raw.shop.orders", AssetKind::Source, "orders", "shop"),
            asset("raw.shop.invoices", AssetKind::Source, "invoices", "shop"),
            asset("raw.crm.accounts", AssetKind::Source, "accounts", "crm"),
            asset("proj.staging.stg_events", AssetKind::Model, "stg_events", "staging"),
            asset("proj.staging.stg_users", AssetKind::Model, "stg_users", "staging"),
            asset("proj.staging.stg_orders", AssetKind::Model, "stg_orders", "staging"),
            asset("proj.staging.stg_invoices", AssetKind::Model, "stg_invoices", "staging"),
            asset("proj.staging.stg_accounts", AssetKind::Model, "stg_accounts", "staging"),
            asset("proj.marts.snowplow_sessions", AssetKind::Model, "snowplow_sessions", "marts", {"nightly"}),
            asset("proj.marts.fct_orders", AssetKind::Model, "fct_orders", "marts", {"daily"}),
            asset("proj.finance.fct_revenue", AssetKind::Model, "fct_revenue", "finance", {"nightly", "finance"}),
            asset("proj.finance.dim_accounts", AssetKind::Model, "dim_accounts", "finance", {"Nightly"}),
            asset("looker:dashboard:1", AssetKind::Dashboard, "Revenue overview", {}),
        };
        assets[12].owner = QStringLiteral("Ana");
        assets[12].team = QStringLiteral("finance");
        assets[13].team = QStringLiteral("finance");
        assets[12].channel = QStringLiteral("#fin-alerts");
        assets[14].platform = QStringLiteral("looker");
        auto e = [](const char* from, const char* to) {
            return Edge {QString::fromLatin1(from), QString::fromLatin1(to)};
        };
        const QList<Edge> edges = {
            e("raw.app.events", "proj.staging.stg_events"),
            e("raw.app.users", "proj.staging.stg_users"),
            e("raw.shop.orders", "proj.staging.stg_orders"),
            e("raw.shop.invoices", "proj.staging.stg_invoices"),
            e("raw.crm.accounts", "proj.staging.stg_accounts"),
            e("proj.staging.stg_events", "proj.marts.snowplow_sessions"),
            e("proj.staging.stg_users", "proj.marts.snowplow_sessions"),
            e("proj.staging.stg_users", "proj.marts.fct_orders"),
            e("proj.staging.stg_orders", "proj.marts.fct_orders"),
            e("proj.staging.stg_invoices", "proj.finance.fct_revenue"),
            e("proj.staging.stg_accounts", "proj.finance.fct_revenue"),
            e("proj.staging.stg_accounts", "proj.finance.dim_accounts"),
            e("proj.finance.fct_revenue", "looker:dashboard:1"),
            e("proj.marts.fct_orders", "looker:dashboard:1"),
        };
        m_graph = LineageGraph(assets, edges);
        QCOMPARE(m_graph.edgeCount(), 14);
    }

    void semantics_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QString>("exclude");
        QTest::addColumn<QStringList>("expected");
        const QString dash = QStringLiteral("Revenue overview");
        QTest::addRow("name") << "fct_orders" << QString() << QStringList {"fct_orders"};
        QTest::addRow("name, other case") << "FCT_Orders" << QString() << QStringList {"fct_orders"};
        QTest::addRow("key") << "proj.staging.stg_orders" << QString() << QStringList {"stg_orders"};
        QTest::addRow("key with colons") << "looker:dashboard:1" << QString() << QStringList {dash};
        // "+my_model": my_model and all ancestors.
        QTest::addRow("+name") << "+fct_orders" << QString()
                               << QStringList {"fct_orders", "orders", "stg_orders", "stg_users", "users"};
        // "my_model+": my_model and all descendants.
        QTest::addRow("name+") << "stg_users+" << QString()
                               << QStringList {dash, "fct_orders", "snowplow_sessions", "stg_users"};
        QTest::addRow("+name+") << "+stg_users+" << QString()
                                << QStringList {dash, "fct_orders", "snowplow_sessions", "stg_users", "users"};
        // "2+my_model": parents and grandparents.
        QTest::addRow("1+name") << "1+fct_revenue" << QString()
                                << QStringList {"fct_revenue", "stg_accounts", "stg_invoices"};
        QTest::addRow("2+name") << "2+fct_revenue" << QString()
                                << QStringList {"accounts", "fct_revenue", "invoices", "stg_accounts", "stg_invoices"};
        // "my_model+1": first-degree descendants.
        QTest::addRow("name+1") << "stg_users+1" << QString()
                                << QStringList {"fct_orders", "snowplow_sessions", "stg_users"};
        QTest::addRow("1+name+2") << "1+stg_orders+2" << QString()
                                  << QStringList {dash, "fct_orders", "orders", "stg_orders"};
        QTest::addRow("0+name+0") << "0+stg_orders+0" << QString() << QStringList {"stg_orders"};
        // "@my_model": my_model, its descendants, and the ancestors of its descendants.
        QTest::addRow("@name") << "@stg_invoices" << QString()
                               << QStringList {dash,         "accounts",  "fct_orders",   "fct_revenue",
                                               "invoices",   "orders",    "stg_accounts", "stg_invoices",
                                               "stg_orders", "stg_users", "users"};
        // Set operators: "+snowplow_sessions +fct_orders" (union).
        QTest::addRow("union") << "+snowplow_sessions +fct_orders" << QString()
                               << QStringList {"events",     "fct_orders", "orders",    "snowplow_sessions",
                                               "stg_events", "stg_orders", "stg_users", "users"};
        QTest::addRow("union, extra blanks")
            << "  fct_orders \t dim_accounts " << QString() << QStringList {"dim_accounts", "fct_orders"};
        // "+snowplow_sessions,+fct_orders": common ancestors (intersection).
        QTest::addRow("intersection of ancestors")
            << "+snowplow_sessions,+fct_orders" << QString() << QStringList {"stg_users", "users"};
        // "stg_invoices+,stg_accounts+": common descendants.
        QTest::addRow("intersection of descendants")
            << "stg_invoices+,stg_accounts+" << QString() << QStringList {dash, "fct_revenue"};
        // "marts.finance,tag:nightly": here the schema is the dataset.
        QTest::addRow("dataset and tag") << "dataset:finance,tag:nightly" << QString()
                                         << QStringList {"dim_accounts", "fct_revenue"};
        QTest::addRow("tag") << "tag:nightly" << QString()
                             << QStringList {"dim_accounts", "fct_revenue", "snowplow_sessions"};
        QTest::addRow("tag+") << "tag:daily+" << QString() << QStringList {dash, "fct_orders"};
        QTest::addRow("wildcard") << "stg_*" << QString()
                                  << QStringList {"stg_accounts", "stg_events", "stg_invoices", "stg_orders",
                                                  "stg_users"};
        QTest::addRow("wildcard, case") << "STG_ORD*" << QString() << QStringList {"stg_orders"};
        QTest::addRow("question mark") << "?tg_users" << QString() << QStringList {"stg_users"};
        QTest::addRow("wildcard on keys") << "raw.shop.*" << QString() << QStringList {"invoices", "orders"};
        QTest::addRow("wildcard on names") << "revenue*" << QString() << QStringList {dash};
        QTest::addRow("kind") << "kind:source" << QString()
                              << QStringList {"accounts", "events", "invoices", "orders", "users"};
        QTest::addRow("kind+") << "kind:dashboard" << QString() << QStringList {dash};
        QTest::addRow("platform") << "platform:LOOKER" << QString() << QStringList {dash};
        QTest::addRow("owner") << "owner:ana" << QString() << QStringList {"fct_revenue"};
        QTest::addRow("team") << "team:finance" << QString() << QStringList {"dim_accounts", "fct_revenue"};
        QTest::addRow("channel") << "channel:#fin-*" << QString() << QStringList {"fct_revenue"};
        QTest::addRow("owner wildcard skips empty") << "owner:*" << QString() << QStringList {"fct_revenue"};
        QTest::addRow("key method") << "key:raw.crm.*" << QString() << QStringList {"accounts"};
        QTest::addRow("name method") << "name:users" << QString() << QStringList {"users"};
        QTest::addRow("status without incidents") << "status:open" << QString() << QStringList {};
        QTest::addRow("nothing") << "no_such_model" << QString() << QStringList {};
        QTest::addRow("empty") << "   " << QString() << QStringList {};
        QTest::addRow("everything") << "*" << QString()
                                    << QStringList {dash,           "accounts",   "dim_accounts",
                                                    "events",       "fct_orders", "fct_revenue",
                                                    "invoices",     "orders",     "snowplow_sessions",
                                                    "stg_accounts", "stg_events", "stg_invoices",
                                                    "stg_orders",   "stg_users",  "users"};
        // "--select my_package.*+ --exclude my_package.a_big_model+".
        QTest::addRow("exclude") << "stg_users+"
                                 << "fct_orders+" << QStringList {"snowplow_sessions", "stg_users"};
        QTest::addRow("exclude union") << "stg_*"
                                       << "stg_users stg_orders"
                                       << QStringList {"stg_accounts", "stg_events", "stg_invoices"};
    }

    void semantics()
    {
        QFETCH(QString, selector);
        QFETCH(QString, exclude);
        QFETCH(QStringList, expected);
        const Selector include = Selector::parse(selector);
        std::vector<LineageGraph::Index> selected;
        if (exclude.isEmpty()) {
            selected = include.evaluate(m_graph);
        } else {
            const Selector without = Selector::parse(exclude);
            selected = selectAssets(m_graph, include, &without);
        }
        QVERIFY(std::is_sorted(selected.begin(), selected.end()));
        QCOMPARE(names(selected), expected);
    }

    void status()
    {
        SelectorContext context;
        context.statusByKey.insert(QStringLiteral("proj.marts.fct_orders"), {QStringLiteral("open")});
        context.statusByKey.insert(QStringLiteral("proj.finance.fct_revenue"),
                                   {QStringLiteral("acknowledged"), QStringLiteral("resolved")});
        QCOMPARE(names(Selector::parse(QStringLiteral("status:open")).evaluate(m_graph, context)),
                 QStringList {"fct_orders"});
        QCOMPARE(names(Selector::parse(QStringLiteral("status:RESOLVED+")).evaluate(m_graph, context)),
                 (QStringList {"Revenue overview", "fct_revenue"}));
        QCOMPARE(names(Selector::parse(QStringLiteral("status:*")).evaluate(m_graph, context)),
                 (QStringList {"fct_orders", "fct_revenue"}));
    }

    void singleName()
    {
        QVERIFY(Selector::parse(QStringLiteral("fct_orders")).isSingleName());
        QVERIFY(Selector::parse(QStringLiteral("looker:dashboard:1")).isSingleName());
        QVERIFY(!Selector::parse(QStringLiteral("+fct_orders")).isSingleName());
        QVERIFY(!Selector::parse(QStringLiteral("stg_*")).isSingleName());
        QVERIFY(!Selector::parse(QStringLiteral("a b")).isSingleName());
        QVERIFY(!Selector::parse(QStringLiteral("tag:x")).isSingleName());
    }

    void errors_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        QTest::addRow("method without value") << "tag:,x" << 5 << "position 5: expected a value after 'tag:'";
        QTest::addRow("method at end") << "owner:" << 7 << "position 7: expected a value after 'owner:'";
        QTest::addRow("method, other case") << "a TAG:" << 7 << "position 7: expected a value after 'tag:'";
        QTest::addRow("double comma") << "a,,b" << 3 << "position 3: expected a selector after ','";
        QTest::addRow("trailing comma") << "a," << 3 << "position 3: expected a selector after ','";
        QTest::addRow("comma then blank") << "a, b" << 3 << "position 3: expected a selector after ','";
        QTest::addRow("leading comma") << ",a" << 1 << "position 1: expected a selector before ','";
        QTest::addRow("plus alone") << "+" << 2 << "position 2: expected a name after '+'";
        QTest::addRow("depth alone") << "x 2+" << 5 << "position 5: expected a name after '+'";
        QTest::addRow("double leading plus") << "++a" << 2 << "position 2: unexpected '+' after '+'";
        QTest::addRow("at alone") << "@" << 2 << "position 2: expected a name after '@'";
        QTest::addRow("at with plus") << "@+a" << 2 << "position 2: '@' cannot be combined with '+'";
        QTest::addRow("at with depth") << "@2+a" << 2 << "position 2: '@' cannot be combined with '+'";
        QTest::addRow("at with trailing plus") << "@a+" << 3 << "position 3: '@' cannot be combined with '+'";
        QTest::addRow("text after plus") << "a+b" << 3 << "position 3: unexpected 'b' after '+'";
        QTest::addRow("double trailing plus") << "a++" << 3 << "position 3: unexpected '+' after '+'";
        QTest::addRow("text after depth") << "a+2x" << 4 << "position 4: unexpected 'x' after '+'";
        QTest::addRow("huge depth") << "99999999999+a" << 1 << "position 1: depth '99999999999' is too large";
        QTest::addRow("unknown kind") << "kind:tabel" << 6
                                      << "position 6: unknown kind 'tabel' (kinds: table, view, model, source, seed, "
                                         "snapshot, dashboard, look, explore, notebook, analysis, ml, application, "
                                         "job)";
    }

    void errors()
    {
        QFETCH(QString, selector);
        QFETCH(int, position);
        QFETCH(QString, message);
        try {
            Selector::parse(selector);
            QFAIL("no SelectorError");
        } catch (const SelectorError& e) {
            QCOMPARE(e.position(), position);
            QCOMPARE(e.message(), message);
            const QStringList lines = e.caret().split(u'\n');
            QCOMPARE(lines.size(), 2);
            QCOMPARE(lines[0], selector);
            QCOMPARE(lines[1], QString(position - 1, u' ') + u'^');
        }
    }

    void depthNamesAreNames()
    {
        // Leading digits without '+' are part of a name, as in dbt.
        LineageGraph graph({[] {
                               Asset a;
                               a.key = QStringLiteral("p.s.2020_orders");
                               a.name = QStringLiteral("2020_orders");
                               return a;
                           }()},
                           QList<Edge> {});
        QCOMPARE(Selector::parse(QStringLiteral("2020_orders")).evaluate(graph).size(), size_t(1));
    }

    void glob()
    {
        QVERIFY(globMatch(u"a*c", u"abbbc"));
        QVERIFY(globMatch(u"a*c", u"AC"));
        QVERIFY(!globMatch(u"a*c", u"abcd"));
        QVERIFY(globMatch(u"*", u""));
        QVERIFY(globMatch(u"*b*", u"aaBaa"));
        QVERIFY(!globMatch(u"a?", u"a"));
        QVERIFY(globMatch(u"ä*", u"Äpfel"));
    }
};

QTEST_GUILESS_MAIN(TestSelector)
#include "tst_selector.moc"
