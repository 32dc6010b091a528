#include "elementary.h"

#include "import/importer.h"

#include <cmath>
#include <map>
#include <optional>

using namespace sightline;

namespace bench {

namespace {
constexpr qint64 kDay = 86'400'000;

struct Point
{
    qint64 at;
    double value;
};

std::vector<Point> series(sql::Database& db, const QString& key, const QString& metric, const QString& column = {})
{
    auto stmt = db.prepare("SELECT o.at, o.value FROM observation o JOIN asset a ON a.id = o.asset_id WHERE a.key = ?1 "
                           "AND o.metric = ?2 AND o.column_name = ?3 ORDER BY o.at");
    stmt.bind(1, key).bind(2, metric).bind(3, column);
    std::vector<Point> points;
    while (stmt.step())
        points.push_back({stmt.int64(0), stmt.real(1)});
    return points;
}

// The last value at or before each bucket's end; nullopt for buckets before the first point.
std::vector<std::optional<double>> endOfDay(const std::vector<Point>& points, qint64 start, int days)
{
    std::vector<std::optional<double>> buckets(static_cast<size_t>(days));
    size_t i = 0;
    std::optional<double> last;
    for (int d = 0; d < days; ++d) {
        const qint64 end = start + (d + 1) * kDay;
        while (i < points.size() && points[i].at < end)
            last = points[i++].value;
        buckets[size_t(d)] = last;
    }
    return buckets;
}

// Elementary's freshness metric: the longest time between consecutive updates seen in the
// bucket (from the last update before it, and up to the bucket's end), in hours.
std::vector<std::optional<double>> freshness(const std::vector<Point>& lastModified, qint64 start, int days)
{
    std::vector<qint64> updates;
    for (const auto& p : lastModified) {
        if (updates.empty() || qint64(p.value) > updates.back())
            updates.push_back(qint64(p.value));
    }
    std::vector<std::optional<double>> buckets(static_cast<size_t>(days));
    for (int d = 0; d < days; ++d) {
        const qint64 from = start + d * kDay;
        const qint64 to = from + kDay;
        qint64 previous = -1;
        double longest = 0;
        for (qint64 u : updates) {
            if (u >= to)
                break;
            if (u >= from && previous >= 0)
                longest = std::max(longest, double(u - previous));
            previous = u;
        }
        if (previous < 0)
            continue;
        longest = std::max(longest, double(to - previous));
        buckets[size_t(d)] = longest / 3'600'000.0;
    }
    return buckets;
}

void judge(const std::vector<std::optional<double>>& buckets, bool dayOfWeek, const QString& key, IncidentKind kind,
           qint64 start, QList<Finding>& out)
{
    const int days = int(buckets.size());
    for (int d = 0; d < days; ++d) {
        if (!buckets[size_t(d)])
            continue;
        std::vector<double> training;
        if (dayOfWeek) {
            for (int k = d; k >= 0 && k > d - 56; k -= 7) {
                if (buckets[size_t(k)])
                    training.push_back(*buckets[size_t(k)]);
            }
        } else {
            for (int k = d; k >= 0 && k > d - 14; --k) {
                if (buckets[size_t(k)])
                    training.push_back(*buckets[size_t(k)]);
            }
        }
        if (training.size() < (dayOfWeek ? 4u : 7u))
            continue;
        double mean = 0;
        for (double v : training)
            mean += v;
        mean /= double(training.size());
        double var = 0;
        for (double v : training)
            var += (v - mean) * (v - mean);
        const double sd = std::sqrt(var / double(training.size() - 1));
        if (sd <= 0)
            continue;
        if (std::abs((*buckets[size_t(d)] - mean) / sd) > 3)
            out.append({key, kind, start + d * kDay, start + (d + 1) * kDay});
    }
}
} // namespace

QList<Finding> runElementary(sql::Database& db, const Corpus& corpus, bool dayOfWeek)
{
    QList<Finding> out;
    const QString rowCount = QString::fromUtf16(metric::RowCount);
    const QString lastModified = QString::fromUtf16(metric::LastModified);
    for (const auto& table : corpus.tables) {
        const auto rows = endOfDay(series(db, table.key, rowCount), corpus.start, corpus.days);
        std::vector<std::optional<double>> volume = rows;
        const bool grows = table.pattern == u"append" || table.pattern == u"weekday" || table.pattern == u"noisy";
        if (grows) {
            // volume_anomalies with a timestamp column: rows added per day.
            for (int d = corpus.days - 1; d >= 0; --d) {
                volume[size_t(d)] = d > 0 && rows[size_t(d)] && rows[size_t(d - 1)]
                    ? std::optional<double>(*rows[size_t(d)] - *rows[size_t(d - 1)])
                    : std::nullopt;
            }
        }
        judge(volume, dayOfWeek, table.key, IncidentKind::Volume, corpus.start, out);
        judge(freshness(series(db, table.key, lastModified), corpus.start, corpus.days), dayOfWeek, table.key,
              IncidentKind::Freshness, corpus.start, out);
        for (const char16_t* m : {metric::NullRate, metric::Mean}) {
            const auto values = series(db, table.key, QString::fromUtf16(m), QStringLiteral("amount"));
            if (!values.empty())
                judge(endOfDay(values, corpus.start, corpus.days), dayOfWeek, table.key, IncidentKind::Distribution,
                      corpus.start, out);
        }
        // schema_changes: every change between consecutive versions.
        auto schema = db.prepare("SELECT s.captured_at FROM schema_version s JOIN asset a ON a.id = s.asset_id WHERE "
                                 "a.key = ?1 ORDER BY s.captured_at");
        schema.bind(1, table.key);
        bool first = true;
        while (schema.step()) {
            if (!first)
                out.append({table.key, IncidentKind::Schema, schema.int64(0), schema.int64(0)});
            first = false;
        }
        // Failed tests, as Elementary reports dbt test results.
        auto tests = db.prepare("SELECT r.at FROM run_result r JOIN asset a ON a.id = r.asset_id WHERE a.key = ?1 AND "
                                "r.status IN ('fail', 'error') ORDER BY r.at");
        tests.bind(1, table.key);
        while (tests.step())
            out.append({table.key, IncidentKind::Test, tests.int64(0), tests.int64(0)});
    }
    return out;
}

} // namespace bench
