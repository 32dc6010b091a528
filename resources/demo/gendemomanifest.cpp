// Writes the demo estate (demoestate.cpp) as a dbt manifest.json in the schema v12 shape, so the
// demo workspace is built by the real importer. Deterministic: no clocks, no randomness; the same
// build always writes the same bytes.
//
// It also writes ~60 days of history in the BigQuery, dbt and Looker formats (genhistory.cpp).
//
// usage: sightline-demo-gen OUTPUT_DIR

#include "demoestate.h"
#include "genhistory.h"
#include "manifestjson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using demo::backticked;
using demo::columnsJson;
using demo::fingerprint;
using demo::Json;
using demo::split;
using demo::tagsJson;
using demo::team;
using demo::teamMeta;

constexpr const char* kProject = "wheelhouse";
constexpr const char* kRawDatabase = "wheelhouse-raw";
constexpr const char* kDatabase = "wheelhouse-analytics";
// The capture time of the demo: data time in Sightline is the newest capture, never the clock.
constexpr const char* kGeneratedAt = "2026-11-24T06:15:42.118204Z";
constexpr double kCreatedAt = 1795932000.0;

// Freshness criteria per loader, as the teams tuned them to their loads: streaming and CDC within
// hours, Fivetran's daily Stripe sync within a day and two hours, the weekday-only valuations
// across a weekend.
std::pair<int, int> freshnessHours(const std::string& source)
{
    if (source == "snowplow")
        return {1, 3};
    if (source == "listings_db" || source == "leads_service")
        return {2, 6};
    if (source == "dealer_crm")
        return {12, 24};
    if (source == "stripe")
        return {26, 30};
    return {80, 104};
}

class ManifestWriter
{
public:
    Json write()
    {
        Json manifest;
        manifest["metadata"] = Json {{"dbt_schema_version", "https://schemas.getdbt.com/dbt/manifest/v12.json"},
                                     {"dbt_version", "1.9.4"},
                                     {"generated_at", kGeneratedAt},
                                     {"invocation_id", "5b0c3e8a-2f41-4d7e-9a63-0c9e1f7d2b14"},
                                     {"env", Json::object()},
                                     {"project_name", kProject},
                                     {"project_id", "9f3d2c1b8e7a6d5c4b3a29180f7e6d5c"},
                                     {"user_id", nullptr},
                                     {"send_anonymous_usage_stats", false},
                                     {"adapter_type", "bigquery"}};
        writeSources();
        registerSourceRelations();
        // Ids and relations first, so a node may depend on one declared after it.
        for (const auto& node : demo::nodes()) {
            const char* type = typeName(node.type);
            m_idByName[node.name] = std::string(type) + "." + kProject + "." + node.name;
            m_relations["ref:" + std::string(node.name)] = std::string(node.materialized) == "ephemeral"
                ? "__dbt__cte__" + std::string(node.name)
                : backticked(kDatabase, node.schema, node.name);
        }
        for (const auto& node : demo::nodes())
            writeNode(node);
        writeTests();
        writeExposures();
        writeGroups();

        manifest["nodes"] = m_nodes;
        manifest["sources"] = m_sources;
        manifest["macros"] = Json::object();
        manifest["docs"] = Json::object();
        manifest["exposures"] = m_exposures;
        manifest["metrics"] = Json::object();
        manifest["groups"] = m_groups;
        manifest["selectors"] = Json::object();
        manifest["disabled"] = Json::object();
        manifest["parent_map"] = parentMap();
        manifest["child_map"] = childMap();
        manifest["group_map"] = m_groupMap;
        manifest["saved_queries"] = Json::object();
        manifest["semantic_models"] = Json::object();
        manifest["unit_tests"] = Json::object();
        return manifest;
    }

private:
    static const char* typeName(demo::NodeType type)
    {
        switch (type) {
        case demo::NodeType::Seed:
            return "seed";
        case demo::NodeType::Snapshot:
            return "snapshot";
        case demo::NodeType::Model:
            break;
        }
        return "model";
    }

    std::string resolve(const std::string& dep)
    {
        if (dep.rfind("source:", 0) == 0)
            return "source." + std::string(kProject) + "." + dep.substr(7);
        const std::string name = dep.substr(4);
        const auto it = m_idByName.find(name);
        if (it == m_idByName.end()) {
            std::cerr << "demo estate: unresolved dependency " << dep << " (declare it before use)\n";
            std::exit(1);
        }
        return it->second;
    }

    void writeSources()
    {
        for (const auto& table : demo::sourceTables()) {
            const demo::SourceSpec* source = nullptr;
            for (const auto& s : demo::sources()) {
                if (std::string(s.name) == table.source)
                    source = &s;
            }
            const auto& t = team(source->team);
            const std::string id = std::string("source.") + kProject + "." + table.source + "." + table.name;
            const Json meta = teamMeta(t, true);
            const auto [warn, error] = freshnessHours(table.source);
            Json freshness = {{"warn_after", {{"count", warn}, {"period", "hour"}}},
                              {"error_after", {{"count", error}, {"period", "hour"}}},
                              {"filter", nullptr}};
            m_sources[id] = Json {
                {"database", kRawDatabase},
                {"schema", source->schema},
                {"name", table.name},
                {"resource_type", "source"},
                {"package_name", kProject},
                {"path", std::string("models/staging/") + table.source + "/_" + table.source + "__sources.yml"},
                {"original_file_path",
                 std::string("models/staging/") + table.source + "/_" + table.source + "__sources.yml"},
                {"unique_id", id},
                {"fqn", {kProject, "staging", table.source, table.source, table.name}},
                {"source_name", table.source},
                {"source_description", source->description},
                {"loader", source->loader},
                {"identifier", table.name},
                {"quoting", {{"database", nullptr}, {"schema", nullptr}, {"identifier", nullptr}, {"column", nullptr}}},
                {"loaded_at_field", "_loaded_at"},
                {"freshness", freshness},
                {"external", nullptr},
                {"description", table.description},
                {"columns", columnsJson(table.columns)},
                {"meta", meta},
                {"source_meta", Json::object()},
                {"tags", tagsJson(table.tags)},
                {"config",
                 {{"enabled", true},
                  {"event_time", nullptr},
                  {"freshness", freshness},
                  {"meta", meta},
                  {"tags", tagsJson(table.tags)}}},
                {"patch_path", nullptr},
                {"unrendered_config", Json::object()},
                {"relation_name", backticked(kRawDatabase, source->schema, table.name)},
                {"created_at", kCreatedAt},
                {"unrendered_database", nullptr},
                {"unrendered_schema", nullptr},
                {"doc_blocks", Json::array()},
            };
            m_parents[id];
        }
    }

    static std::string sqlFor(const demo::NodeSpec& node, const std::vector<std::string>& deps, bool compiled,
                              const std::map<std::string, std::string>& relations)
    {
        std::string sql = "with\n";
        for (std::size_t i = 0; i < deps.size(); ++i) {
            const std::string& dep = deps[i];
            std::string cte = dep.substr(dep.find_last_of(":.") + 1);
            std::string from;
            if (compiled) {
                from = relations.at(dep);
            } else if (dep.rfind("source:", 0) == 0) {
                const auto dot = dep.find('.');
                from = "{{ source('" + dep.substr(7, dot - 7) + "', '" + dep.substr(dot + 1) + "') }}";
            } else {
                from = "{{ ref('" + dep.substr(4) + "') }}";
            }
            sql += cte + " as (\n    select * from " + from + "\n)" + (i + 1 < deps.size() ? ",\n" : "\n");
        }
        sql += "\nselect\n";
        const auto columns = split(node.columns, ',');
        for (std::size_t i = 0; i < columns.size(); ++i)
            sql += "    " + columns[i].substr(0, columns[i].find(':')) + (i + 1 < columns.size() ? ",\n" : "\n");
        if (!deps.empty())
            sql += "from " + deps.front().substr(deps.front().find_last_of(":.") + 1) + "\n";
        return sql;
    }

    void writeNode(const demo::NodeSpec& node)
    {
        const char* type = typeName(node.type);
        const std::string id = std::string(type) + "." + kProject + "." + node.name;
        const auto& t = team(node.team);
        const bool ephemeral = std::string(node.materialized) == "ephemeral";
        const auto deps = split(node.deps, ',');
        std::vector<std::string> parents;
        for (const auto& d : deps)
            parents.push_back(resolve(d));

        Json configMeta = Json::object();
        Json nodeMeta = Json::object();
        switch (node.metaStyle) {
        case 'c':
            configMeta = nodeMeta = teamMeta(t, true);
            break;
        case 'm':
            nodeMeta = teamMeta(t, true);
            break;
        case 'g':
            configMeta = nodeMeta = teamMeta(t, false);
            break;
        }
        const std::string folder = node.type == demo::NodeType::Seed ? "seeds"
            : node.type == demo::NodeType::Snapshot                  ? "snapshots"
                                                                     : "models";
        const std::string layer = std::string(node.schema).rfind("marts_", 0) == 0
            ? std::string("marts/") + (node.schema + 6)
            : std::string(node.schema);
        const std::string path = layer + "/" + node.name + (node.type == demo::NodeType::Seed ? ".csv" : ".sql");
        const std::string rawCode =
            node.type == demo::NodeType::Seed ? std::string() : sqlFor(node, deps, false, m_relations);
        Json config = {{"enabled", true},
                       {"alias", nullptr},
                       {"schema", node.schema},
                       {"database", nullptr},
                       {"tags", tagsJson(node.tags)},
                       {"meta", configMeta},
                       {"group", node.group ? Json(node.group) : Json(nullptr)},
                       {"materialized", node.materialized},
                       {"persist_docs", Json::object()},
                       {"on_schema_change", "ignore"},
                       {"contract", {{"enforced", false}, {"alias_types", true}}},
                       {"access", "protected"}};
        if (node.type == demo::NodeType::Snapshot) {
            config["strategy"] = "timestamp";
            config["unique_key"] =
                split(node.columns, ',').front().substr(0, split(node.columns, ',').front().find(':'));
            config["updated_at"] = "updated_at";
        }
        Json json = {
            {"database", kDatabase},
            {"schema", node.schema},
            {"name", node.name},
            {"resource_type", type},
            {"package_name", kProject},
            {"path", path},
            {"original_file_path", folder + "/" + path},
            {"unique_id", id},
            {"fqn", {kProject, layer, node.name}},
            {"alias", node.name},
            {"checksum", {{"name", "sha256"}, {"checksum", fingerprint(rawCode + node.name, 64)}}},
            {"config", config},
            {"tags", tagsJson(node.tags)},
            {"description", node.description},
            {"columns", columnsJson(node.columns)},
            {"meta", nodeMeta},
            {"group", node.group ? Json(node.group) : Json(nullptr)},
            {"docs", {{"show", true}, {"node_color", nullptr}}},
            {"patch_path", std::string(kProject) + "://" + folder + "/" + layer + "/_" + node.schema + ".yml"},
            {"build_path", nullptr},
            {"unrendered_config", {{"materialized", node.materialized}}},
            {"created_at", kCreatedAt},
            {"relation_name", ephemeral ? Json(nullptr) : Json(backticked(kDatabase, node.schema, node.name))},
            {"raw_code", rawCode},
            {"doc_blocks", Json::array()},
            {"language", "sql"},
        };
        Json refs = Json::array();
        Json sources = Json::array();
        for (const auto& d : deps) {
            if (d.rfind("ref:", 0) == 0) {
                refs.push_back({{"name", d.substr(4)}, {"package", nullptr}, {"version", nullptr}});
            } else {
                const auto dot = d.find('.');
                sources.push_back({d.substr(7, dot - 7), d.substr(dot + 1)});
            }
        }
        if (node.type != demo::NodeType::Seed) {
            json["refs"] = refs;
            json["sources"] = sources;
            json["metrics"] = Json::array();
            json["compiled_path"] = std::string("target/compiled/") + kProject + "/" + folder + "/" + path;
            json["compiled"] = true;
            json["compiled_code"] = sqlFor(node, deps, true, m_relations);
            json["extra_ctes_injected"] = true;
            json["extra_ctes"] = Json::array();
        }
        json["depends_on"] = {{"macros", Json::array()}, {"nodes", parents}};
        if (node.type == demo::NodeType::Model) {
            json["access"] = "protected";
            json["constraints"] = Json::array();
            json["version"] = nullptr;
            json["latest_version"] = nullptr;
            json["deprecation_date"] = nullptr;
        }
        m_nodes[id] = json;
        m_parents[id] = parents;
        if (node.group)
            m_groupMap[node.group].push_back(id);
    }

    void registerSourceRelations()
    {
        for (const auto& table : demo::sourceTables()) {
            for (const auto& s : demo::sources()) {
                if (std::string(s.name) == table.source)
                    m_relations[std::string("source:") + table.source + "." + table.name] =
                        backticked(kRawDatabase, s.schema, table.name);
            }
        }
    }

    void addTest(const std::string& testName, const std::string& column, const std::vector<std::string>& parents,
                 const std::string& attachedTo, const Json& kwargs)
    {
        const std::string name = testName;
        const std::string id = "test." + std::string(kProject) + "." + name + "." + fingerprint(name, 10);
        m_nodes[id] = Json {{"database", kDatabase},
                            {"schema", "dbt_test__audit"},
                            {"name", name},
                            {"resource_type", "test"},
                            {"package_name", kProject},
                            {"path", name + ".sql"},
                            {"unique_id", id},
                            {"fqn", {kProject, name}},
                            {"alias", name},
                            {"config", {{"enabled", true}, {"severity", "ERROR"}, {"materialized", "test"}}},
                            {"tags", Json::array()},
                            {"description", ""},
                            {"columns", Json::object()},
                            {"meta", Json::object()},
                            {"relation_name", nullptr},
                            {"depends_on", {{"macros", Json::array()}, {"nodes", parents}}},
                            {"column_name", column},
                            {"attached_node", attachedTo},
                            {"test_metadata", {{"name", testName.substr(0, testName.find('_'))}, {"kwargs", kwargs}}}};
        m_parents[id] = parents;
    }

    // Primary-key tests on every mart, a relationships test and a source test: as a real project
    // has them. They are not assets; the importer must leave them (and their edges) out.
    void writeTests()
    {
        for (const auto& node : demo::nodes()) {
            if (std::string(node.schema).rfind("marts_", 0) != 0)
                continue;
            const std::string first = split(node.columns, ',').front();
            const std::string column = first.substr(0, first.find(':'));
            const std::string id = m_idByName.at(node.name);
            const Json kwargs = {{"column_name", column},
                                 {"model", "{{ get_where_subquery(ref('" + std::string(node.name) + "')) }}"}};
            if (std::string(node.name).rfind("fct_", 0) == 0 || std::string(node.name).rfind("dim_", 0) == 0)
                addTest("unique_" + std::string(node.name) + "_" + column, column, {id}, id, kwargs);
            addTest("not_null_" + std::string(node.name) + "_" + column, column, {id}, id, kwargs);
        }
        addTest("relationships_fct_leads_dealer_id__dealer_id__ref_dim_dealers_", "dealer_id",
                {m_idByName.at("dim_dealers"), m_idByName.at("fct_leads")}, m_idByName.at("fct_leads"),
                {{"column_name", "dealer_id"}, {"to", "ref('dim_dealers')"}, {"field", "dealer_id"}});
        const std::string listingsSource = std::string("source.") + kProject + ".listings_db.listings";
        addTest("source_not_null_listings_db_listings_listing_id", "listing_id", {listingsSource}, listingsSource,
                {{"column_name", "listing_id"}});
    }

    void writeExposures()
    {
        for (const auto& e : demo::exposures()) {
            const auto& t = team(e.team);
            const std::string id = std::string("exposure.") + kProject + "." + e.name;
            std::vector<std::string> parents;
            Json refs = Json::array();
            for (const auto& d : split(e.deps, ',')) {
                parents.push_back(resolve(d));
                refs.push_back({{"name", d.substr(4)}, {"package", nullptr}, {"version", nullptr}});
            }
            const Json meta = teamMeta(t, false);
            m_exposures[id] = Json {{"name", e.name},
                                    {"resource_type", "exposure"},
                                    {"package_name", kProject},
                                    {"path", "exposures/_exposures.yml"},
                                    {"original_file_path", "models/exposures/_exposures.yml"},
                                    {"unique_id", id},
                                    {"fqn", {kProject, "exposures", e.name}},
                                    {"type", e.type},
                                    {"owner", {{"email", t.email}, {"name", t.owner}}},
                                    {"description", e.description},
                                    {"label", e.label},
                                    {"maturity", e.maturity},
                                    {"meta", meta},
                                    {"tags", tagsJson(e.tags)},
                                    {"config", {{"enabled", true}, {"tags", tagsJson(e.tags)}, {"meta", meta}}},
                                    {"unrendered_config", Json::object()},
                                    {"url", e.url},
                                    {"depends_on", {{"macros", Json::array()}, {"nodes", parents}}},
                                    {"refs", refs},
                                    {"sources", Json::array()},
                                    {"metrics", Json::array()},
                                    {"created_at", kCreatedAt}};
            m_parents[id] = parents;
        }
    }

    void writeGroups()
    {
        for (const auto& [group, members] : m_groupMap) {
            const auto& t = team(group);
            const std::string id = std::string("group.") + kProject + "." + group;
            m_groups[id] = Json {{"name", group},
                                 {"resource_type", "group"},
                                 {"package_name", kProject},
                                 {"path", "groups.yml"},
                                 {"original_file_path", "models/groups.yml"},
                                 {"unique_id", id},
                                 {"owner", {{"email", t.email}, {"name", t.owner}}}};
        }
    }

    Json parentMap() const
    {
        Json out = Json::object();
        for (const auto& [id, parents] : m_parents) {
            std::vector<std::string> sorted = parents;
            std::sort(sorted.begin(), sorted.end());
            out[id] = sorted;
        }
        return out;
    }

    Json childMap() const
    {
        std::map<std::string, std::set<std::string>> children;
        for (const auto& [id, parents] : m_parents) {
            children[id];
            for (const auto& p : parents)
                children[p].insert(id);
        }
        Json out = Json::object();
        for (const auto& [id, kids] : children)
            out[id] = std::vector<std::string>(kids.begin(), kids.end());
        return out;
    }

    Json m_nodes = Json::object();
    Json m_sources = Json::object();
    Json m_exposures = Json::object();
    Json m_groups = Json::object();
    std::map<std::string, std::vector<std::string>> m_parents; // sorted by id: deterministic maps
    std::map<std::string, std::vector<std::string>> m_groupMap;
    std::map<std::string, std::string> m_idByName;
    std::map<std::string, std::string> m_relations;
};

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " OUTPUT_DIR\n";
        return 1;
    }
    const std::filesystem::path dir(argv[1]);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto manifest = ManifestWriter().write();
    // Write to a temporary name and rename, so an interrupted build never leaves half a manifest.
    const auto target = dir / "manifest.json";
    const auto partial = dir / "manifest.json.part";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << manifest.dump(1) << '\n';
        if (!out) {
            std::cerr << "cannot write " << partial << '\n';
            return 1;
        }
    }
    // The history first: the manifest is the build's output file, written last.
    if (!demo::writeHistory(dir, manifest))
        return 1;
    std::filesystem::rename(partial, target, ec);
    if (ec) {
        std::cerr << "cannot write " << target << ": " << ec.message() << '\n';
        return 1;
    }
    return 0;
}
