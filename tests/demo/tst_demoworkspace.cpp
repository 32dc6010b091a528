#include "demo/demoworkspace.h"
#include "import/importerregistry.h"
#include "lineage/lineagegraph.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

QMap<QString, int> kindCounts(const QList<Asset>& assets)
{
    QMap<QString, int> counts;
    for (const auto& a : assets)
        ++counts[kindName(a.kind)];
    return counts;
}
} // namespace

class TestDemoWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const auto problems = m_registry.loadPlugins(test::pluginDir());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY2(m_registry.byFormat("dbt-manifest"), "the dbt importer plugin is not built");
    }

    void sourcesAreBuilt()
    {
        QVERIFY(QFileInfo(demo::sourceDir() + "/manifest.json").isFile());
        QVERIFY(demo::defaultWorkspacePath().endsWith("/demo.sightline"));
    }

    void prepareImportsTheEstate()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("nested/demo.sightline");
        const auto report = demo::prepare(m_registry, path);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.files.first().format, "dbt-manifest");
        QCOMPARE(report.files.first().version, "v12");
        QVERIFY2(report.files.first().warnings.isEmpty(), qPrintable(report.files.first().warnings.join(u'\n')));

        auto ws = Workspace::open(path, Workspace::OpenMode::ReadOnly);
        const auto assets = ws->assets();
        // Counted by hand in resources/demo/demoestate.cpp: 20 source tables, 3 seeds,
        // 2 snapshots, 47 models (one ephemeral), 8 Looker dashboards, 1 ml, 1 application.
        QCOMPARE(assets.size(), 82);
        const QMap<QString, int> expected {{"source", 20},   {"seed", 3}, {"snapshot", 2},   {"model", 47},
                                           {"dashboard", 8}, {"ml", 1},   {"application", 1}};
        QCOMPARE(kindCounts(assets), expected);
        // parent_map edges between assets (29 dbt tests and their edges are not assets).
        QCOMPARE(ws->edges().size(), 111);
        QCOMPARE(ws->dataTime(), QDateTime(QDate(2026, 11, 24), QTime(6, 15, 42, 118), Qt::UTC));

        const auto focus = ws->asset(demo::initialFocusKey());
        QVERIFY(focus);
        QCOMPARE(focus->kind, AssetKind::Model);
        QCOMPARE(focus->owner, "Hannah Kowalski");
        QCOMPARE(focus->team, "Finance Analytics");
        QCOMPARE(focus->channel, "#data-finance-alerts");
        QCOMPARE(focus->columns.size(), 6);
        QCOMPARE(focus->tags, QStringList({"daily", "finance", "tier-1"}));

        // Owner only through the dbt group; channel under slack_channel.
        const auto registry = ws->asset("wheelhouse-analytics.staging.stg_vehicle_registry");
        QVERIFY(registry);
        QCOMPARE(registry->owner, "Aisha Rahman");
        QCOMPARE(registry->channel, "#pricing-alerts");

        const auto dashboard = ws->asset("dbt:exposure:wheelhouse.dealer_revenue_overview");
        QVERIFY(dashboard);
        QCOMPARE(dashboard->kind, AssetKind::Dashboard);
        QCOMPARE(dashboard->platform, "looker");
        QCOMPARE(dashboard->url, "https://looker.example.com/dashboards/101");
        QCOMPARE(dashboard->owner, "Hannah Kowalski");

        const auto graph = LineageGraph::fromWorkspace(*ws);
        const auto index = graph->indexOf(demo::initialFocusKey());
        QCOMPARE(graph->upstream(index).size(), 4);
        QCOMPARE(graph->downstream(index).size(), 2);
    }

    void prepareAgainIsANoOp()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("demo.sightline");
        QCOMPARE(demo::prepare(m_registry, path).outcome, ImportReport::Outcome::Imported);
        const QString dump = test::dumpWorkspace(path);
        const QByteArray bytes = fileHash(path);
        QCOMPARE(demo::prepare(m_registry, path).outcome, ImportReport::Outcome::NothingNew);
        QCOMPARE(test::dumpWorkspace(path), dump);
        QCOMPARE(fileHash(path), bytes);
    }

    void generatorIsDeterministic()
    {
        // The build wrote the manifest; the checked-in generator must write the same bytes again.
        QTemporaryDir dir;
        const QString generator = test::buildDir() + "/resources/sightline-demo-gen";
        QVERIFY(QFileInfo(generator).isExecutable());
        QCOMPARE(QProcess::execute(generator, {dir.path()}), 0);
        QCOMPARE(fileHash(dir.filePath("manifest.json")), fileHash(demo::sourceDir() + "/manifest.json"));
    }

private:
    ImporterRegistry m_registry;
};

QTEST_GUILESS_MAIN(TestDemoWorkspace)
#include "tst_demoworkspace.moc"
