// Writes a deterministic NDJSON log of OpenLineage run events, as an Airflow deployment emits
// them, for the OpenLineage import benchmark: JOBS tasks run in turn, each run a START event
// (three BigQuery inputs, one output with a 20-column schema and column lineage) and a COMPLETE
// event (output statistics; every tenth also input data-quality metrics).
// Usage: gen_openlineage_events OUT.ndjson [EVENTS] [JOBS]   (defaults: 100000 events, 2000 jobs)
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// The run id of run r: a UUID made of r, so every run of the file is distinct and repeatable.
std::string runId(long r)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%08lx-0000-4000-8000-%012lx", r & 0xffffffffL, r & 0xffffffffffffL);
    return buf;
}

std::string time(long second)
{
    const long day = second / 86400;
    char buf[64];
    std::snprintf(buf, sizeof buf, "2024-%02ld-%02ldT%02ld:%02ld:%02ldZ", 1 + day / 28, 1 + day % 28,
                  (second / 3600) % 24, (second / 60) % 60, second % 60);
    return buf;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s OUT.ndjson [EVENTS] [JOBS]\n", argv[0]);
        return 1;
    }
    const long events = argc > 2 ? std::atol(argv[2]) : 100000;
    const long jobs = argc > 3 ? std::atol(argv[3]) : 2000;
    std::FILE* out = std::fopen(argv[1], "wb");
    if (!out || events < 2 || jobs < 1)
        return 1;
    const char* producer = "https://github.com/apache/airflow/tree/providers-openlineage/1.8.0";
    const char* schemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    for (long e = 0; e < events; e += 2) {
        const long run = e / 2;
        const long job = run % jobs;
        const long start = run * 30;
        const std::string id = runId(run);
        // START: inputs, the output's schema and column lineage.
        std::fprintf(out,
                     "{\"eventType\":\"START\",\"eventTime\":\"%s\",\"run\":{\"runId\":\"%s\"},"
                     "\"job\":{\"namespace\":\"airflow\",\"name\":\"dag_%ld.task\",\"facets\":{\"jobType\":"
                     "{\"integration\":\"AIRFLOW\",\"jobType\":\"TASK\",\"processingType\":\"BATCH\"},"
                     "\"ownership\":{\"owners\":[{\"name\":\"team:team_%ld\"}]}}},\"inputs\":[",
                     time(start).c_str(), id.c_str(), job, job % 40);
        for (int k = 0; k < 3; ++k) {
            std::fprintf(out, "%s{\"namespace\":\"bigquery\",\"name\":\"proj.raw.table_%ld\"}", k ? "," : "",
                         (job * 7 + k * 131) % (jobs * 2));
        }
        std::fprintf(out,
                     "],\"outputs\":[{\"namespace\":\"bigquery\",\"name\":\"proj.mart.table_%ld\",\"facets\":"
                     "{\"schema\":{\"fields\":[",
                     job);
        for (int c = 0; c < 20; ++c)
            std::fprintf(out, "%s{\"name\":\"col_%d\",\"type\":\"%s\"}", c ? "," : "", c, c % 3 ? "STRING" : "INT64");
        std::fprintf(out, "]},\"columnLineage\":{\"fields\":{");
        for (int c = 0; c < 5; ++c) {
            std::fprintf(out,
                         "%s\"col_%d\":{\"inputFields\":[{\"namespace\":\"bigquery\",\"name\":\"proj.raw.table_%ld\","
                         "\"field\":\"col_%d\",\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"IDENTITY\"}]}]}",
                         c ? "," : "", c, (job * 7) % (jobs * 2), c);
        }
        std::fprintf(out, "}}}}],\"producer\":\"%s\",\"schemaURL\":\"%s\"}\n", producer, schemaUrl);
        if (e + 1 >= events)
            break;
        // COMPLETE: output statistics, sometimes input metrics.
        std::fprintf(out,
                     "{\"eventType\":\"COMPLETE\",\"eventTime\":\"%s\",\"run\":{\"runId\":\"%s\"},"
                     "\"job\":{\"namespace\":\"airflow\",\"name\":\"dag_%ld.task\"},",
                     time(start + 20).c_str(), id.c_str(), job);
        if (run % 10 == 0) {
            std::fprintf(out,
                         "\"inputs\":[{\"namespace\":\"bigquery\",\"name\":\"proj.raw.table_%ld\",\"inputFacets\":"
                         "{\"dataQualityMetrics\":{\"rowCount\":%ld,\"columnMetrics\":{\"col_0\":{\"nullCount\":%ld,"
                         "\"distinctCount\":%ld,\"min\":0,\"max\":%ld}}}}}],",
                         (job * 7) % (jobs * 2), 1000 + run, run % 17, 900 + run % 50, 5000 + run);
        }
        std::fprintf(
            out,
            "\"outputs\":[{\"namespace\":\"bigquery\",\"name\":\"proj.mart.table_%ld\",\"outputFacets\":"
            "{\"outputStatistics\":{\"rowCount\":%ld,\"size\":%ld}}}],\"producer\":\"%s\",\"schemaURL\":\"%s\"}\n",
            job, 10000 + run, (10000 + run) * 120, producer, schemaUrl);
    }
    return std::fclose(out) == 0 ? 0 : 1;
}
