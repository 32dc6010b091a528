#include "core/asset.h"
#include "import/importerregistry.h"
#include "import/importrunner.h"
#include "lineage/lineagegraph.h"
#include "lineage/selector.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace sightline;
using nlohmann::json;

namespace {

QString str(const json& object, const char* field)
{
    const auto it = object.find(field);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

// The asset key of a manifest node, from dbt's documented fields alone (models, seeds and
// snapshots are relations named database.schema.alias, sources database.schema.identifier;
// ephemeral models live in dbt only); empty for nodes that are no assets.
QString keyOf(const std::string& uniqueId, const json& node)
{
    const QString type = str(node, "resource_type");
    if (type == u"source")
        return relationKey(str(node, "database"), str(node, "schema"),
                           str(node, "identifier").isEmpty() ? str(node, "name") : str(node, "identifier"));
    if (type != u"model" && type != u"seed" && type != u"snapshot")
        return {};
    const auto config = node.find("config");
    if (type == u"model" && config != node.end() && config->is_object() && str(*config, "materialized") == u"ephemeral")
        return QStringLiteral("dbt:model:") + str(node, "package_name") + u'.' + str(node, "name");
    Q_UNUSED(uniqueId);
    return relationKey(str(node, "database"), str(node, "schema"),
                       str(node, "alias").isEmpty() ? str(node, "name") : str(node, "alias"));
}

} // namespace

// For every model of real manifests, "+model" (by its key) selects exactly the transitive closure
// of the manifest's parent_map restricted to assets, computed here from the JSON alone.
class TestSelectorManifest : public QObject
{
    Q_OBJECT

private:
    ImporterRegistry m_registry;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        const QStringList problems = m_registry.loadPlugins(test::pluginDir());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void plusModel_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("models");
        QTest::addColumn<int>("closureSum"); // sum over models of |+model|, counted with python3
        QTest::addColumn<int>("largest");
        QTest::addRow("fivetran_v7") << "fivetran__dbt_ad_reporting/docs__manifest@2022-12-19_316dd1fc.json" << 223
                                     << 2488 << 150;
        QTest::addRow("jaffle_shop_v12") << "yu-iskw__dbt-artifacts-parser/"
                                            "tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json"
                                         << 13 << 54 << 13;
        QTest::addRow("jaffle_shop_v12_1.9") << "yu-iskw__dbt-artifacts-parser/"
                                                "tests__resources__manifest__v12__jaffle_shop__manifest_1.9.json"
                                             << 36 << 92 << 9;
    }

    void plusModel()
    {
        QFETCH(QString, file);
        QFETCH(int, models);
        QFETCH(int, closureSum);
        QFETCH(int, largest);
        const QString path = test::sharedData(file);
        const QString workspace = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".sightline");
        const ImportReport report = ImportRunner(m_registry).run(workspace, {path});
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));

        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const json manifest = json::parse(f.readAll().toStdString());
        std::map<std::string, QString> keys;
        for (const auto& section : {"nodes", "sources"}) {
            for (const auto& [id, node] : manifest.at(section).items()) {
                const QString key = keyOf(id, node);
                if (!key.isEmpty())
                    keys.emplace(id, key);
            }
        }
        // parent_map projected on asset keys: child key -> parent keys.
        std::map<QString, std::set<QString>> parents;
        for (const auto& [child, list] : manifest.at("parent_map").items()) {
            const auto c = keys.find(child);
            if (c == keys.end())
                continue;
            for (const auto& parent : list) {
                const auto p = keys.find(parent.get<std::string>());
                if (p != keys.end())
                    parents[c->second].insert(p->second);
            }
        }

        const auto ws = Workspace::open(workspace, Workspace::OpenMode::ReadOnly);
        const auto graph = LineageGraph::fromWorkspace(*ws);
        int seenModels = 0, sum = 0, most = 0;
        for (const auto& [id, node] : manifest.at("nodes").items()) {
            if (str(node, "resource_type") != u"model")
                continue;
            ++seenModels;
            const QString key = keys.at(id);
            std::set<QString> expected {key};
            std::vector<QString> stack {key};
            while (!stack.empty()) {
                const QString at = stack.back();
                stack.pop_back();
                for (const auto& p : parents[at]) {
                    if (expected.insert(p).second)
                        stack.push_back(p);
                }
            }
            QStringList want(expected.begin(), expected.end());
            QStringList got;
            for (auto i : Selector::parse(u'+' + key).evaluate(*graph))
                got.append(graph->asset(i).key);
            got.sort();
            QVERIFY2(got == want,
                     qPrintable(QStringLiteral("+%1: got %2, want %3").arg(key, got.join(u' '), want.join(u' '))));
            sum += int(got.size());
            most = std::max(most, int(got.size()));
        }
        QCOMPARE(seenModels, models);
        QCOMPARE(sum, closureSum);
        QCOMPARE(most, largest);
    }
};

QTEST_GUILESS_MAIN(TestSelectorManifest)
#include "tst_selectormanifest.moc"
