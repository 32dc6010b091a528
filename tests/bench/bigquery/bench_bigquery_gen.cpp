// Deterministic scale estate in BigQuery's export formats: N tables in 100 datasets, a daily
// __TABLES__ capture per day (NDJSON, one folder per day, as the collector lays them out) and
// INFORMATION_SCHEMA.JOBS rows whose referenced_tables -> destination_table give E distinct
// lineage edges, spread over the days' jobs.ndjson files.
//
//   bench_bigquery_gen OUT_DIR [--tables 50000] [--edges 200000] [--days 90]

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

// A fixed 64-bit LCG: the same estate on every machine and compiler.
struct Lcg
{
    quint64 state;
    quint64 next()
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return state >> 17;
    }
    quint64 below(quint64 n)
    {
        return next() % n;
    }
};

QByteArray tableName(int i)
{
    return QByteArray("t_") + QByteArray::number(i).rightJustified(5, '0');
}

QByteArray datasetName(int i)
{
    return QByteArray("ds_") + QByteArray::number(i % 100).rightJustified(3, '0');
}

constexpr const char* kProject = "bench-project";

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_bigquery_gen OUT_DIR [--tables N] [--edges N] [--days N]\n");
        return 1;
    }
    const QString out = args[1];
    int tables = 50000;
    int edges = 200000;
    int days = 90;
    for (int i = 2; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--tables"))
            tables = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--edges"))
            edges = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--days"))
            days = args[i + 1].toInt();
    }
    // Sources: the first 2 % of the tables have no job writing them; every other table is a
    // job's destination reading refs earlier tables (a DAG), refs chosen so the edges add up.
    const int sources = std::max(1, tables / 50);
    const int built = tables - sources;
    if (built <= 0 || edges < built || edges > qint64(built) * 8) {
        std::fprintf(stderr, "edges must be between the built tables and 8 times them\n");
        return 1;
    }
    const QDateTime start(QDate(2024, 1, 1), QTime(6, 0), Qt::UTC);
    Lcg rng {20240101};

    std::vector<QByteArray> jobsByDay(days);
    qint64 edgeCount = 0;
    for (int b = 0; b < built; ++b) {
        const int dest = sources + b;
        const int refs = edges / built + (b < edges % built ? 1 : 0);
        std::vector<int> chosen;
        while (int(chosen.size()) < refs) {
            const int r = int(rng.below(quint64(dest)));
            if (std::find(chosen.begin(), chosen.end(), r) == chosen.end())
                chosen.push_back(r);
        }
        const int day = b % days;
        const QDateTime created = start.addDays(day).addSecs(-3600 * 5 + (b % 3600));
        const QDateTime ended = created.addSecs(5 + (b % 120));
        QByteArray row = "{\"job_id\":\"bench_job_" + QByteArray::number(b) + "\",\"project_id\":\"" + kProject
            + "\",\"user_email\":\"etl@bench.example\",\"job_type\":\"QUERY\",\"statement_type\":\""
            + (b % 5 == 0 ? "MERGE" : "CREATE_TABLE_AS_SELECT") + "\",\"creation_time\":\""
            + created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1() + " UTC\",\"end_time\":\""
            + ended.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1()
            + " UTC\",\"state\":\"DONE\",\"destination_table\":{\"project_id\":\"" + kProject + "\",\"dataset_id\":\""
            + datasetName(dest) + "\",\"table_id\":\"" + tableName(dest) + "\"},\"referenced_tables\":[";
        for (size_t k = 0; k < chosen.size(); ++k) {
            if (k)
                row += ',';
            row += "{\"project_id\":\"" + QByteArray(kProject) + "\",\"dataset_id\":\"" + datasetName(chosen[k])
                + "\",\"table_id\":\"" + tableName(chosen[k]) + "\"}";
        }
        row += "],\"total_bytes_processed\":\"" + QByteArray::number(quint64(1000000) + rng.below(1000000000))
            + "\",\"error_result\":null,\"captured_at\":\""
            + start.addDays(day).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1() + " UTC\"}\n";
        jobsByDay[day] += row;
        edgeCount += refs;
    }

    qint64 bytes = 0;
    for (int day = 0; day < days; ++day) {
        const QDateTime at = start.addDays(day);
        const QString folder = QStringLiteral("%1/day-%2").arg(out).arg(day + 1, 3, 10, QLatin1Char('0'));
        if (!QDir().mkpath(folder))
            return 2;
        QFile tablesFile(folder + QStringLiteral("/tables.ndjson"));
        if (!tablesFile.open(QIODevice::WriteOnly))
            return 2;
        const QByteArray captured = at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toLatin1() + " UTC";
        QByteArray chunk;
        for (int t = 0; t < tables; ++t) {
            // Volume grows daily by a table-specific amount; a table changes every (t % 7 + 1) days.
            const qint64 rows = 1000 + qint64(t % 997) * 37 + qint64(day) * (t % 13 + 1) * 11;
            const qint64 size = rows * (64 + t % 200);
            const int every = t % 7 + 1;
            const qint64 modified = at.addDays(-(day % every)).addSecs(-600 - t % 3000).toMSecsSinceEpoch();
            chunk += "{\"project_id\":\"" + QByteArray(kProject) + "\",\"dataset_id\":\"" + datasetName(t)
                + "\",\"table_id\":\"" + tableName(t)
                + "\",\"creation_time\":\"1672531200000\",\"last_modified_time\":\"" + QByteArray::number(modified)
                + "\",\"row_count\":\"" + QByteArray::number(rows) + "\",\"size_bytes\":\"" + QByteArray::number(size)
                + "\",\"type\":\"1\",\"captured_at\":\"" + captured + "\"}\n";
            if (chunk.size() > (1 << 20)) {
                tablesFile.write(chunk);
                bytes += chunk.size();
                chunk.clear();
            }
        }
        tablesFile.write(chunk);
        bytes += chunk.size();
        QFile jobsFile(folder + QStringLiteral("/jobs.ndjson"));
        if (!jobsFile.open(QIODevice::WriteOnly) || jobsFile.write(jobsByDay[day]) != jobsByDay[day].size())
            return 2;
        bytes += jobsByDay[day].size();
    }
    std::printf("wrote %d tables x %d days (%lld __TABLES__ rows), %d jobs with %lld edges, %.1f MB, in %s\n", tables,
                days, qint64(tables) * days, built, edgeCount, double(bytes) / 1e6, qPrintable(out));
    return 0;
}
