// Writes a deterministic, realistic dbt manifest (schema v12) for the import benchmark: sources,
// seeds, snapshots, staging / intermediate / mart models with columns, descriptions, meta owners
// and tags, generic tests, exposures, groups, parent_map and child_map, and the macros and docs
// an importer has to skip. Usage: gen_dbt_manifest OUT.json [NODES]   (NODES defaults to 50000)
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace {

// splitmix64: the same sequence on every platform and standard library.
struct Rng
{
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n)
    {
        return int(next() % uint64_t(n));
    }
    bool chance(int percent)
    {
        return below(100) < percent;
    }
};

const char* const kWords[] = {"listing",   "dealer",     "vehicle",    "price",       "lead",     "session",
                              "search",    "offer",      "customer",   "payment",     "invoice",  "make",
                              "model",     "mileage",    "region",     "daily",       "weekly",   "active",
                              "inventory", "conversion", "impression", "click",       "contract", "financing",
                              "valuation", "photo",      "message",    "appointment", "review",   "campaign"};
const char* const kTypes[] = {"STRING", "INT64", "NUMERIC", "TIMESTAMP", "DATE", "BOOL", "FLOAT64"};
const char* const kTeams[] = {"listings", "pricing", "dealers", "growth", "finance", "marketing", "search", "platform"};

struct Node
{
    std::string id;
    std::string name;
    std::string kind; // source, seed, snapshot, model, test
    std::string schema;
    std::vector<std::string> parents;
    bool ephemeral = false;
};

class Writer
{
public:
    explicit Writer(FILE* out)
        : m_out(out)
    {
    }
    Writer& operator<<(const std::string& s)
    {
        m_buf += s;
        if (m_buf.size() > (1u << 22))
            flush();
        return *this;
    }
    Writer& operator<<(const char* s)
    {
        return *this << std::string(s);
    }
    void flush()
    {
        fwrite(m_buf.data(), 1, m_buf.size(), m_out);
        m_buf.clear();
    }

private:
    FILE* m_out;
    std::string m_buf;
};

std::string q(const std::string& s)
{
    return "\"" + s + "\"";
}

std::string sentence(Rng& rng, int words)
{
    std::string s;
    for (int i = 0; i < words; ++i) {
        if (i)
            s += ' ';
        s += kWords[rng.below(30)];
    }
    s[0] = char(s[0] - 32);
    return s + ".";
}

std::string list(const std::vector<std::string>& items)
{
    std::string s = "[";
    for (size_t i = 0; i < items.size(); ++i)
        s += (i ? ", " : "") + q(items[i]);
    return s + "]";
}

std::string columns(Rng& rng, int count)
{
    std::string s = "{";
    for (int i = 0; i < count; ++i) {
        const std::string name = std::string(kWords[rng.below(30)]) + "_" + std::to_string(i);
        s += (i ? ", " : "") + q(name) + ": {\"name\": " + q(name) + ", \"description\": " + q(sentence(rng, 5))
            + ", \"meta\": {}, \"data_type\": " + q(kTypes[rng.below(7)])
            + ", \"constraints\": [], \"quote\": null, \"tags\": []}";
    }
    return s + "}";
}

std::string sql(Rng& rng, const Node& n)
{
    std::string s = "with source as (\\n    select * from {{ ref('" + (n.parents.empty() ? n.name : n.parents[0])
        + "') }}\\n),\\n\\nrenamed as (\\n    select\\n";
    const int lines = 3 + rng.below(6);
    for (int i = 0; i < lines; ++i)
        s += "        " + std::string(kWords[rng.below(30)]) + "_" + std::to_string(i) + " as " + kWords[rng.below(30)]
            + "_" + std::to_string(i) + ",\\n";
    return s + "    from source\\n)\\n\\nselect * from renamed";
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUT.json [NODES]\n", argv[0]);
        return 1;
    }
    const int total = argc > 2 ? std::atoi(argv[2]) : 50000;
    FILE* f = std::fopen(argv[1], "wb");
    if (!f) {
        std::perror(argv[1]);
        return 1;
    }
    Rng rng {20240601};
    const std::string project = "carmarket";
    const std::string db = "carmarket-prod";

    // Shares of the node count: 8% sources, 0.6% seeds, 1.4% snapshots, 44% models, 46% tests.
    const int nSources = total * 8 / 100, nSeeds = total * 6 / 1000, nSnapshots = total * 14 / 1000;
    const int nModels = total * 44 / 100;
    const int nTests = total - nSources - nSeeds - nSnapshots - nModels;
    const int nStaging = nModels / 3, nIntermediate = nModels / 4, nMarts = nModels - nStaging - nIntermediate;

    std::vector<Node> sources, seeds, snapshots, staging, intermediate, marts, tests;
    for (int i = 0; i < nSources; ++i)
        sources.push_back({"source." + project + ".raw_" + std::to_string(i / 50) + ".t" + std::to_string(i),
                           "t" + std::to_string(i),
                           "source",
                           "raw_" + std::to_string(i / 50),
                           {}});
    for (int i = 0; i < nSeeds; ++i)
        seeds.push_back(
            {"seed." + project + ".seed_" + std::to_string(i), "seed_" + std::to_string(i), "seed", "seeds", {}});
    for (int i = 0; i < nSnapshots; ++i)
        snapshots.push_back({"snapshot." + project + ".snap_" + std::to_string(i),
                             "snap_" + std::to_string(i),
                             "snapshot",
                             "snapshots",
                             {sources[rng.below(nSources)].id}});
    for (int i = 0; i < nStaging; ++i) {
        Node n {"model." + project + ".stg_" + std::to_string(i), "stg_" + std::to_string(i), "model", "staging", {}};
        n.parents.push_back(rng.chance(95) ? sources[i % nSources].id : seeds[rng.below(nSeeds)].id);
        staging.push_back(n);
    }
    for (int i = 0; i < nIntermediate; ++i) {
        Node n {
            "model." + project + ".int_" + std::to_string(i), "int_" + std::to_string(i), "model", "intermediate", {}};
        for (int p = 2 + rng.below(2); p > 0; --p)
            n.parents.push_back(staging[rng.below(nStaging)].id);
        n.ephemeral = rng.chance(10);
        intermediate.push_back(n);
    }
    for (int i = 0; i < nMarts; ++i) {
        Node n {"model." + project + ".fct_" + std::to_string(i), "fct_" + std::to_string(i), "model", "marts", {}};
        for (int p = 2 + rng.below(3); p > 0; --p) {
            const int r = rng.below(10);
            if (r < 6 || i < 10)
                n.parents.push_back(intermediate[rng.below(nIntermediate)].id);
            else if (r < 8)
                n.parents.push_back(staging[rng.below(nStaging)].id);
            else
                n.parents.push_back(marts[rng.below(i)].id);
        }
        marts.push_back(n);
    }
    std::vector<const Node*> models;
    for (const auto* group : {&staging, &intermediate, &marts})
        for (const auto& n : *group)
            models.push_back(&n);
    for (int i = 0; i < nTests; ++i) {
        const Node* m = models[rng.below(int(models.size()))];
        const std::string kind = rng.chance(50) ? "not_null" : "unique";
        tests.push_back({"test." + project + "." + kind + "_" + m->name + "_" + std::to_string(i) + ".a1b2c3d4e5",
                         kind + "_" + m->name + "_" + std::to_string(i),
                         "test",
                         "dbt_test__audit",
                         {m->id}});
    }

    Writer w(f);
    w << "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\", "
         "\"dbt_version\": \"1.9.0\", \"generated_at\": \"2024-06-01T06:00:00.000000Z\", \"invocation_id\": "
         "\"00000000-0000-4000-8000-000000000000\", \"env\": {}, \"project_name\": \"carmarket\", \"project_id\": "
         "\"96db900d06b169eefbecf8140b1debbe\", \"user_id\": null, \"send_anonymous_usage_stats\": false, "
         "\"adapter_type\": \"bigquery\"},\n\"nodes\": {";
    bool first = true;
    auto begin = [&](const Node& n) {
        w << (first ? "\n" : ",\n") << q(n.id) << ": {\"database\": " << q(db) << ", \"schema\": " << q(n.schema)
          << ", \"name\": " << q(n.name) << ", \"resource_type\": " << q(n.kind) << ", \"package_name\": " << q(project)
          << ", \"path\": " << q(n.schema + "/" + n.name + ".sql")
          << ", \"original_file_path\": " << q("models/" + n.schema + "/" + n.name + ".sql")
          << ", \"unique_id\": " << q(n.id) << ", \"fqn\": " << list({project, n.schema, n.name})
          << ", \"alias\": " << q(n.name)
          << ", \"checksum\": {\"name\": \"sha256\", \"checksum\": "
             "\"238a14164085db08e1dbab99b81403e0c786165eb364a16a1262d3cd4677f1a6\"}";
        first = false;
    };
    auto tail = [&](const Node& n, const std::string& materialized) {
        w << ", \"docs\": {\"show\": true, \"node_color\": null}, \"patch_path\": null, \"build_path\": null, "
             "\"unrendered_config\": {\"materialized\": "
          << q(materialized) << "}, \"created_at\": 1717221600.0, \"relation_name\": "
          << (n.ephemeral ? std::string("null") : q("`" + db + "`.`" + n.schema + "`.`" + n.name + "`"))
          << ", \"raw_code\": " << q(sql(rng, n)) << ", \"doc_blocks\": [], \"language\": \"sql\", \"refs\": [], "
          << "\"sources\": [], \"metrics\": [], \"depends_on\": {\"macros\": [\"macro.dbt.run_hooks\"], \"nodes\": "
          << list(n.parents) << "}, \"compiled_path\": " << q("target/compiled/" + project + "/" + n.name + ".sql")
          << ", \"compiled\": true, \"contract\": {\"enforced\": false, \"alias_types\": true, \"checksum\": null}}";
    };
    auto config = [&](const std::string& materialized, const std::string& meta, const std::string& group,
                      const std::vector<std::string>& tags) {
        w << ", \"config\": {\"enabled\": true, \"alias\": null, \"schema\": null, \"database\": null, \"tags\": "
          << list(tags) << ", \"meta\": " << meta << ", \"group\": " << group
          << ", \"materialized\": " << q(materialized)
          << ", \"incremental_strategy\": null, \"persist_docs\": {}, \"post-hook\": [], \"pre-hook\": [], "
             "\"quoting\": {}, \"column_types\": {}, \"full_refresh\": null, \"unique_key\": null, "
             "\"on_schema_change\": \"ignore\", \"on_configuration_change\": \"apply\", \"grants\": {}, "
             "\"packages\": [], \"docs\": {\"show\": true, \"node_color\": null}, \"contract\": {\"enforced\": false, "
             "\"alias_types\": true}, \"access\": \"protected\"}";
    };
    auto ownerMeta = [&](int team) {
        return "{\"owner\": " + q(std::string(kTeams[team]) + "-lead@carmarket.example") + ", \"team\": "
            + q(kTeams[team]) + ", \"alert_channel\": " + q("#data-alerts-" + std::string(kTeams[team])) + "}";
    };

    for (const auto* group : {&seeds, &snapshots, &staging, &intermediate, &marts}) {
        for (const auto& n : *group) {
            begin(n);
            const std::string materialized = n.kind == "seed" ? "seed"
                : n.kind == "snapshot"                        ? "snapshot"
                : n.ephemeral                                 ? "ephemeral"
                : n.schema == "marts"                         ? "table"
                                                              : "view";
            const int team = rng.below(8);
            const bool owned = rng.chance(60);
            const bool grouped = !owned && n.schema == "marts" && rng.chance(30);
            config(materialized, owned ? ownerMeta(team) : "{}", grouped ? q("group_" + std::to_string(team)) : "null",
                   rng.chance(30) ? std::vector<std::string> {n.schema, "daily"} : std::vector<std::string> {n.schema});
            const int ncols = n.kind == "seed" ? 4 : n.schema == "marts" ? 8 : n.schema == "staging" ? 6 : 5;
            w << ", \"tags\": " << list({n.schema}) << ", \"description\": " << q(sentence(rng, 8))
              << ", \"columns\": " << columns(rng, ncols) << ", \"meta\": " << (owned ? ownerMeta(team) : "{}")
              << ", \"group\": null";
            tail(n, materialized);
        }
    }
    for (const auto& n : tests) {
        begin(n);
        w << ", \"config\": {\"enabled\": true, \"alias\": null, \"schema\": \"dbt_test__audit\", \"database\": null, "
             "\"tags\": [], \"meta\": {}, \"group\": null, \"materialized\": \"test\", \"severity\": \"ERROR\", "
             "\"store_failures\": null, \"where\": null, \"limit\": null, \"fail_calc\": \"count(*)\", \"warn_if\": "
             "\"!= 0\", \"error_if\": \"!= 0\"}, \"tags\": [], \"description\": \"\", \"columns\": {}, \"meta\": {}, "
             "\"group\": null, \"docs\": {\"show\": true, \"node_color\": null}, \"patch_path\": null, \"build_path\": "
             "null, \"unrendered_config\": {}, \"created_at\": 1717221600.0, \"relation_name\": null, \"raw_code\": "
             "\"{{ test_not_null(**_dbt_generic_test_kwargs) }}\", \"language\": \"sql\", \"refs\": [], \"sources\": "
             "[], \"metrics\": [], \"depends_on\": {\"macros\": [\"macro.dbt.test_not_null\"], \"nodes\": "
          << list(n.parents) << "}, \"compiled\": true, \"compiled_code\": \"select id from x where id is null\", "
          << "\"column_name\": \"id\", \"attached_node\": " << q(n.parents[0]) << ", \"test_metadata\": {\"name\": "
          << "\"not_null\", \"kwargs\": {\"column_name\": \"id\"}, \"namespace\": null}}";
    }
    w << "},\n\"sources\": {";
    first = true;
    for (const auto& n : sources) {
        w << (first ? "\n" : ",\n") << q(n.id) << ": {\"database\": \"carmarket-raw\", \"schema\": " << q(n.schema)
          << ", \"name\": " << q(n.name) << ", \"resource_type\": \"source\", \"package_name\": " << q(project)
          << ", \"path\": \"models/staging/__sources.yml\", \"unique_id\": " << q(n.id)
          << ", \"fqn\": " << list({project, "staging", n.schema, n.name}) << ", \"source_name\": " << q(n.schema)
          << ", \"source_description\": " << q(sentence(rng, 8))
          << ", \"loader\": \"fivetran\", \"identifier\": " << q(n.name)
          << ", \"quoting\": {\"database\": null, \"schema\": null, \"identifier\": null, \"column\": "
          << "null}, \"loaded_at_field\": \"_loaded_at\", \"freshness\": {\"warn_after\": {\"count\": 12, \"period\": "
          << "\"hour\"}, \"error_after\": {\"count\": 24, \"period\": \"hour\"}, \"filter\": null}, \"external\": "
             "null, "
          << "\"description\": " << q(sentence(rng, 10)) << ", \"columns\": " << columns(rng, 8)
          << ", \"meta\": " << ownerMeta(rng.below(8))
          << ", \"source_meta\": {}, \"tags\": [\"raw\"], \"config\": {\"enabled\": true, "
          << "\"meta\": {}, \"tags\": []}, \"patch_path\": null, \"unrendered_config\": {}, \"relation_name\": "
          << q("`carmarket-raw`.`" + n.schema + "`.`" + n.name + "`") << ", \"created_at\": 1717221600.0}";
        first = false;
    }
    w << "},\n\"macros\": {";
    for (int i = 0; i < total / 25; ++i) {
        w << (i ? ",\n" : "\n") << q("macro.carmarket.m" + std::to_string(i))
          << ": {\"name\": " << q("m" + std::to_string(i))
          << ", \"resource_type\": \"macro\", \"package_name\": \"carmarket\", "
          << "\"macro_sql\": "
          << q("{% macro m" + std::to_string(i) + "(x) %}\\n" + sentence(rng, 120) + "\\n{% endmacro %}")
          << ", \"depends_on\": {\"macros\": []}, \"description\": \"\", \"meta\": {}, \"docs\": {\"show\": true}, "
          << "\"arguments\": [{\"name\": \"x\", \"type\": null, \"description\": \"\"}], \"created_at\": 1717221600.0}";
    }
    w << "},\n\"docs\": {";
    for (int i = 0; i < total / 100; ++i)
        w << (i ? ",\n" : "\n") << q("doc.carmarket.d" + std::to_string(i))
          << ": {\"name\": " << q("d" + std::to_string(i))
          << ", \"resource_type\": \"doc\", \"block_contents\": " << q(sentence(rng, 80)) << "}";
    w << "},\n\"exposures\": {";
    std::vector<std::pair<std::string, std::vector<std::string>>> exposures;
    for (int i = 0; i < total / 40; ++i) {
        const std::string id = "exposure.carmarket.dash_" + std::to_string(i);
        std::vector<std::string> parents;
        for (int p = 1 + rng.below(3); p > 0; --p)
            parents.push_back(marts[rng.below(nMarts)].id);
        const char* types[] = {"dashboard", "dashboard", "dashboard", "notebook", "application", "ml", "analysis"};
        w << (i ? ",\n" : "\n") << q(id) << ": {\"name\": " << q("dash_" + std::to_string(i))
          << ", \"resource_type\": \"exposure\", \"package_name\": \"carmarket\", \"unique_id\": " << q(id)
          << ", \"type\": " << q(types[rng.below(7)])
          << ", \"owner\": {\"email\": " << q("analyst" + std::to_string(i % 40) + "@carmarket.example")
          << ", \"name\": null}, \"description\": " << q(sentence(rng, 10)) << ", \"label\": " << q(sentence(rng, 3))
          << ", \"maturity\": \"high\", \"meta\": " << ownerMeta(rng.below(8))
          << ", \"tags\": [\"looker\"], \"config\": {\"enabled\": true}, \"url\": "
          << q("https://carmarket.looker.com/dashboards/" + std::to_string(i)) << ", \"depends_on\": {\"macros\": [], "
          << "\"nodes\": " << list(parents)
          << "}, \"refs\": [], \"sources\": [], \"metrics\": [], \"created_at\": 1717221600.0}";
        exposures.emplace_back(id, parents);
    }
    w << "},\n\"metrics\": {}, \"groups\": {";
    for (int i = 0; i < 8; ++i)
        w << (i ? ", " : "") << q("group.carmarket.group_" + std::to_string(i))
          << ": {\"name\": " << q("group_" + std::to_string(i))
          << ", \"resource_type\": \"group\", \"package_name\": \"carmarket\", "
          << "\"owner\": {\"email\": " << q(std::string(kTeams[i]) + "@carmarket.example") << ", \"name\": null}}";
    w << "}, \"selectors\": {}, \"disabled\": {},\n\"parent_map\": {";
    std::map<std::string, std::vector<std::string>> children;
    first = true;
    auto parentEntry = [&](const std::string& id, const std::vector<std::string>& parents) {
        w << (first ? "\n" : ",\n") << q(id) << ": " << list(parents);
        first = false;
        for (const auto& p : parents)
            children[p].push_back(id);
    };
    for (const auto* group : {&seeds, &snapshots, &staging, &intermediate, &marts, &tests, &sources})
        for (const auto& n : *group)
            parentEntry(n.id, n.parents);
    for (const auto& [id, parents] : exposures)
        parentEntry(id, parents);
    w << "},\n\"child_map\": {";
    first = true;
    for (const auto& [id, kids] : children) {
        w << (first ? "\n" : ",\n") << q(id) << ": " << list(kids);
        first = false;
    }
    w << "},\n\"group_map\": {}, \"saved_queries\": {}, \"semantic_models\": {}, \"unit_tests\": {}}\n";
    w.flush();
    std::fclose(f);
    std::fprintf(stderr, "%d nodes: %d sources, %d seeds, %d snapshots, %d models, %d tests; %zu exposures\n", total,
                 nSources, nSeeds, nSnapshots, nModels, nTests, exposures.size());
    return 0;
}
