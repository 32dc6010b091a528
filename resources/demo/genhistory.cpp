#include "genhistory.h"

#include "historyplan.h"
#include "lookercapture.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

namespace demo {

namespace {

namespace fs = std::filesystem;

struct Civil
{
    int year, month, day, hour, minute, second, millis;
};

Civil civil(Millis t)
{
    const Millis days = (t - ((t % kDay) + kDay) % kDay) / kDay;
    const Millis ms = t - days * kDay;
    // Howard Hinnant's civil_from_days.
    const Millis z = days + 719468;
    const Millis era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {int(Millis(yoe) + era * 400 + (m <= 2)),
            int(m),
            int(d),
            int(ms / kHour),
            int(ms / 60000 % 60),
            int(ms / 1000 % 60),
            int(ms % 1000)};
}

std::string format(const char* pattern, Millis t)
{
    const Civil c = civil(t);
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, pattern, c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis);
    return buffer;
}

// As `bq --format=json` prints a TIMESTAMP.
std::string bqTime(Millis t)
{
    return t % 1000 == 0 ? format("%04d-%02d-%02d %02d:%02d:%02d UTC", t)
                         : format("%04d-%02d-%02d %02d:%02d:%02d.%03d UTC", t);
}

// As dbt writes times in its artifacts.
std::string isoTime(Millis t)
{
    return format("%04d-%02d-%02dT%02d:%02d:%02d.%03d000Z", t);
}

std::string integer(double v)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    return buffer;
}

bool save(const fs::path& path, const Json& json, int indent = -1)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << json.dump(indent) << '\n';
    if (!out) {
        std::cerr << "cannot write " << path << '\n';
        return false;
    }
    return true;
}

// The columns BigQuery holds for a table: the documented ones, plus the loader's _loaded_at on
// raw tables; fct_listings loses price_drop_count in the run of incident (3).
std::vector<std::pair<std::string, std::string>> physicalColumns(const TablePlan& p, Millis at)
{
    const char* spec = nullptr;
    for (const auto& t : sourceTables()) {
        for (const auto& s : sources())
            if (p.project == "wheelhouse-raw" && s.schema == p.dataset && s.name == std::string(t.source)
                && p.table == t.name)
                spec = t.columns;
    }
    for (const auto& n : nodes())
        if (p.project == "wheelhouse-analytics" && p.table == n.name)
            spec = n.columns;
    std::vector<std::pair<std::string, std::string>> out;
    if (!spec)
        return out;
    const Event* run = stateAt(p, incident::columnDropRun() + 6 * kHour);
    const bool dropped = p.table == "fct_listings" && run && at >= run->at;
    for (const auto& c : split(spec, ',')) {
        const auto colon = c.find(':');
        if (dropped && c.substr(0, colon) == "price_drop_count")
            continue;
        out.emplace_back(c.substr(0, colon), c.substr(colon + 1));
    }
    if (p.project == "wheelhouse-raw")
        out.emplace_back("_loaded_at", "TIMESTAMP");
    return out;
}

class HistoryWriter
{
public:
    HistoryWriter(const fs::path& root, const Json& manifest)
        : m_root(root)
        , m_plans(planTables())
    {
        for (const auto& [id, node] : manifest["nodes"].items()) {
            if (node["resource_type"] == "test")
                m_tests.emplace_back(id, node["attached_node"].get<std::string>());
        }
        for (const auto& [id, source] : manifest["sources"].items())
            m_sources.emplace_back(id, &source);
    }

    bool run()
    {
        for (Millis t = historyStart(); t <= historyEnd(); t += kCaptureEvery) {
            const fs::path folder = m_root / format("%04d-%02d-%02dT%02d%02d", t);
            fs::create_directories(folder);
            if (!save(folder / "tables-wheelhouse-raw.json", tables("wheelhouse-raw", t))
                || !save(folder / "tables-wheelhouse-analytics.json", tables("wheelhouse-analytics", t)))
                return false;
            const Millis day = t - t % kDay;
            if (t % kDay == 6 * kHour) {
                // The morning collection: schemas, yesterday's jobs and the night's dbt artifacts.
                if (!save(folder / "columns-wheelhouse-raw.json", columns("wheelhouse-raw", t))
                    || !save(folder / "columns-wheelhouse-analytics.json", columns("wheelhouse-analytics", t))
                    || !save(folder / "jobs-wheelhouse-raw.json", jobs(day - kDay, t))
                    || !save(folder / "sources.json", freshness(day + 5 * kHour + 2 * 60000 + 11 * 1000))
                    || !save(folder / "run_results.json", runResults(Cadence::DbtMain, day)))
                    return false;
            }
            // The finance build lands in the first capture after it finished.
            const Millis finance = dbtJobStart(Cadence::DbtFinance, day);
            if (finance < t && finance >= t - kCaptureEvery
                && !save(folder / "run_results-finance.json", runResults(Cadence::DbtFinance, day)))
                return false;
            if ((t == historyStart() || t == historyEnd()) && !save(folder / "looker.json", lookerCapture(t), 1))
                return false;
        }
        return true;
    }

private:
    Json tables(const std::string& project, Millis t) const
    {
        Json rows = Json::array();
        for (const auto& p : m_plans) {
            if (p.project != project)
                continue;
            const Event* e = stateAt(p, t);
            if (!e)
                continue;
            const bool view = p.pattern == Pattern::View;
            // dbt replaces tables and views: BigQuery's creation time is the last run's.
            const Millis created = p.pattern == Pattern::Rebuild || view ? e->at : p.created;
            rows.push_back({{"project_id", p.project},
                            {"dataset_id", p.dataset},
                            {"table_id", p.table},
                            {"creation_time", std::to_string(created)},
                            {"last_modified_time", std::to_string(e->at)},
                            {"row_count", view ? "0" : integer(e->rows)},
                            {"size_bytes", view ? "0" : integer(std::round(e->rows * p.bytesPerRow))},
                            {"type", view ? "2" : "1"},
                            {"captured_at", bqTime(t)}});
        }
        return rows;
    }

    Json columns(const std::string& project, Millis t) const
    {
        Json rows = Json::array();
        for (const auto& p : m_plans) {
            if (p.project != project)
                continue;
            int ordinal = 0;
            for (const auto& [name, type] : physicalColumns(p, t)) {
                rows.push_back({{"table_catalog", p.project},
                                {"table_schema", p.dataset},
                                {"table_name", p.table},
                                {"column_name", name},
                                {"ordinal_position", std::to_string(++ordinal)},
                                {"is_nullable", ordinal == 1 ? "NO" : "YES"},
                                {"data_type", type},
                                {"captured_at", bqTime(t)}});
            }
        }
        return rows;
    }

    const TablePlan* plan(const std::string& dataset, const std::string& table) const
    {
        for (const auto& p : m_plans)
            if (p.dataset == dataset && p.table == table)
                return &p;
        return nullptr;
    }

    // INFORMATION_SCHEMA.JOBS of wheelhouse-raw for one UTC day: the batch loads and, on its day,
    // the clean-up's DELETE, which is how a user finds out the deletion was intended.
    Json jobs(Millis day, Millis capturedAt) const
    {
        Json rows = Json::array();
        auto job = [&](const TablePlan& p, Millis end, double seconds, const char* user, const char* type,
                       const char* statement, const Json& error) {
            const Millis start = end - Millis(seconds * 1000);
            rows.push_back(
                {{"job_id", format("job_%04d%02d%02d_%02d%02d%02d_", end) + p.table},
                 {"project_id", p.project},
                 {"user_email", user},
                 {"job_type", type},
                 {"statement_type", statement ? Json(statement) : Json(nullptr)},
                 {"creation_time", bqTime(start)},
                 {"end_time", bqTime(end)},
                 {"state", "DONE"},
                 {"destination_table", {{"project_id", p.project}, {"dataset_id", p.dataset}, {"table_id", p.table}}},
                 {"referenced_tables", Json::array()},
                 {"total_bytes_processed", integer(std::round(p.rows0 * p.bytesPerRow * 0.002))},
                 {"error_result", error},
                 {"captured_at", bqTime(capturedAt)}});
        };
        for (const auto& p : m_plans) {
            if (p.dataset == "stripe") {
                if (day == incident::stripeLateDay()) {
                    job(p, day + 2 * kHour + 4 * 60000 + 9000, 3.2,
                        "fivetran-stripe@wheelhouse-raw.iam.gserviceaccount.com", "QUERY", "MERGE",
                        {{"reason", "accessDenied"},
                         {"location", p.dataset + '.' + p.table},
                         {"message",
                          "Access Denied: Table wheelhouse-raw:stripe." + p.table
                              + ": Permission bigquery.tables.updateData denied (service account key "
                                "rotated)"}});
                }
                for (const auto& e : p.events)
                    if (e.at >= day && e.at < day + kDay && e.at > p.events.front().at)
                        job(p, e.at, 14.5, "fivetran-stripe@wheelhouse-raw.iam.gserviceaccount.com", "QUERY", "MERGE",
                            nullptr);
            } else if (p.dataset == "valuations") {
                for (const auto& e : p.events) {
                    if (e.at < day || e.at >= day + kDay || e.at == p.events.front().at)
                        continue;
                    if (e.at == incident::quotesCleanup())
                        job(p, e.at, 41.7, "aisha.rahman@wheelhouse.example", "QUERY", "DELETE", nullptr);
                    else
                        job(p, e.at, 62.0, "valuations-loader@wheelhouse-raw.iam.gserviceaccount.com", "LOAD", nullptr,
                            nullptr);
                }
            }
        }
        return rows;
    }

    static int hours(const Json& freshness, const char* which)
    {
        if (!freshness.is_object() || !freshness.contains(which))
            return 0;
        return freshness[which]["count"].get<int>();
    }

    Json freshness(Millis at) const
    {
        Json results = Json::array();
        Millis clock = at;
        for (const auto& [id, source] : m_sources) {
            const TablePlan* p = plan((*source)["schema"].get<std::string>(), (*source)["name"].get<std::string>());
            const Event* e = p ? stateAt(*p, clock) : nullptr;
            if (!e)
                continue;
            const Json& criteria = (*source)["freshness"];
            const double age = double(clock - e->at) / 1000.0;
            const int warn = hours(criteria, "warn_after");
            const int error = hours(criteria, "error_after");
            const char* status = error && age > error * 3600.0 ? "error"
                : warn && age > warn * 3600.0                  ? "warn"
                                                               : "pass";
            const Millis done = clock + 700 + Millis(noise(id, clock) * 900);
            results.push_back(
                {{"unique_id", id},
                 {"max_loaded_at", isoTime(e->at)},
                 {"snapshotted_at", isoTime(clock)},
                 {"max_loaded_at_time_ago_in_s", age},
                 {"status", status},
                 {"criteria", criteria},
                 {"adapter_response", Json::object()},
                 {"timing",
                  {{{"name", "compile"}, {"started_at", isoTime(clock)}, {"completed_at", isoTime(clock)}},
                   {{"name", "execute"}, {"started_at", isoTime(clock)}, {"completed_at", isoTime(done)}}}},
                 {"thread_id", "Thread-" + std::to_string(results.size() % 4 + 1)},
                 {"execution_time", double(done - clock) / 1000.0}});
            clock = done;
        }
        return {{"metadata",
                 {{"dbt_schema_version", "https://schemas.getdbt.com/dbt/sources/v3.json"},
                  {"dbt_version", "1.9.4"},
                  {"generated_at", isoTime(clock + 400)},
                  {"invocation_id", format("a1f0%02d%02d-%02d%02d-4c1e-9d2b-5e7f8a9b0c1d", at).substr(0, 36)},
                  {"env", Json::object()}}},
                {"results", results},
                {"elapsed_time", double(clock - at) / 1000.0}};
    }

    Json result(const std::string& id, Millis completed, double seconds, const Json& adapter,
                const std::string& message, const Json& relation, const char* status) const
    {
        const Millis started = completed - Millis(seconds * 1000);
        return {{"status", status},
                {"timing",
                 {{{"name", "compile"}, {"started_at", isoTime(started - 180)}, {"completed_at", isoTime(started)}},
                  {{"name", "execute"}, {"started_at", isoTime(started)}, {"completed_at", isoTime(completed)}}}},
                {"thread_id", "Thread-" + std::to_string(completed / 1000 % 4 + 1) + " (worker)"},
                {"execution_time", seconds},
                {"adapter_response", adapter},
                {"message", message},
                {"failures", std::string(status) == "pass" ? Json(0) : Json(nullptr)},
                {"unique_id", id},
                {"compiled", true},
                {"relation_name", relation}};
    }

    Json runResults(Cadence job, Millis day) const
    {
        const Millis start = dbtJobStart(job, day);
        Json results = Json::array();
        std::map<std::string, Millis> finished; // unique id -> completed
        Millis last = start;
        for (const auto& p : m_plans) {
            if (p.cadence != job)
                continue;
            const Event* e = stateAt(p, start + kHour);
            if (!e || e->at < start)
                continue;
            const Event* before = stateAt(p, e->at - 1);
            const double processed = std::round(e->rows * p.bytesPerRow * 1.7);
            const double seconds = p.pattern == Pattern::View ? 1.1 + noise(p.table, day) : 4.0 + processed / 4.0e8;
            const std::string relation = "`" + p.project + "`.`" + p.dataset + "`.`" + p.table + "`";
            Json adapter;
            std::string message;
            if (p.pattern == Pattern::View) {
                message = "CREATE VIEW (0 processed)";
                adapter = {{"_message", message}, {"code", "CREATE VIEW"}, {"bytes_processed", 0}};
            } else {
                const bool merge = p.pattern == Pattern::Append;
                const double rows = merge && before ? e->rows - before->rows : e->rows;
                const char* code = p.materialized == "snapshot" ? "MERGE" : merge ? "MERGE" : "CREATE TABLE";
                message =
                    std::string(code) + " (" + integer(rows) + " rows, " + integer(processed) + " bytes processed)";
                adapter = {{"_message", message},
                           {"code", code},
                           {"rows_affected", std::int64_t(rows)},
                           {"bytes_processed", std::int64_t(processed)},
                           {"bytes_billed", std::int64_t(std::ceil(processed / 1048576.0) * 1048576.0)},
                           {"location", "EU"},
                           {"project_id", p.project},
                           {"job_id", format("%04d%02d%02d-%02d%02d%02d-", e->at) + p.table}};
            }
            results.push_back(result(p.uniqueId, e->at, seconds, adapter, message, relation, "success"));
            finished[p.uniqueId] = e->at;
            last = std::max(last, e->at);
        }
        if (results.empty())
            return results;
        int n = 0;
        for (const auto& [id, attached] : m_tests) {
            const auto parent = finished.find(attached);
            const bool sourceTest = attached.rfind("source.", 0) == 0;
            if (parent == finished.end() && !(sourceTest && job == Cadence::DbtMain))
                continue;
            const Millis completed = (parent == finished.end() ? start + 20000 : parent->second + 4000) + 1500 * n++;
            const Json adapter = {{"_message", "SELECT (0 processed)"}, {"code", "SELECT"}, {"rows_affected", -1}};
            results.push_back(result(id, completed, 1.4, adapter, "", nullptr, "pass"));
            last = std::max(last, completed);
        }
        return {{"metadata",
                 {{"dbt_schema_version", "https://schemas.getdbt.com/dbt/run-results/v6.json"},
                  {"dbt_version", "1.9.4"},
                  {"generated_at", isoTime(last + 2300)},
                  {"invocation_id",
                   format("7c2e%02d%02d-%02d%02d-4a8b-b1c3-", start) + (job == Cadence::DbtMain ? "0d" : "f1")
                       + "9e8d7c6b5a4f"},
                  {"env", Json::object()}}},
                {"results", results},
                {"elapsed_time", double(last - start) / 1000.0},
                {"args",
                 {{"which", "build"},
                  {"select", job == Cadence::DbtMain ? Json::array() : Json::array({"tag:finance"})},
                  {"exclude",
                   job == Cadence::DbtMain ? Json::array({"tag:finance", "tag:hourly", "resource_type:seed"})
                                           : Json::array()},
                  {"target", "prod"}}}};
    }

    fs::path m_root;
    std::vector<TablePlan> m_plans;
    std::vector<std::pair<std::string, std::string>> m_tests; // id, attached node
    std::vector<std::pair<std::string, const Json*>> m_sources;
};

} // namespace

bool writeHistory(const fs::path& dir, const Json& manifest)
{
    const fs::path target = dir / "history";
    const fs::path partial = dir / "history.part";
    std::error_code ec;
    fs::remove_all(partial, ec);
    if (!HistoryWriter(partial, manifest).run())
        return false;
    fs::remove_all(target, ec);
    fs::rename(partial, target, ec);
    if (ec) {
        std::cerr << "cannot write " << target << ": " << ec.message() << '\n';
        return false;
    }
    return true;
}

} // namespace demo
