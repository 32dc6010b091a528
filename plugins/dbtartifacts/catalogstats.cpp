#include "catalogstats.h"

#include <QRegularExpression>

namespace sightline::dbt {

namespace {

// The value of one stat; nothing when absent or null.
std::optional<double> statValue(const JsonValue& stats, const char* id, const Fields& f)
{
    const auto it = stats.find(id);
    if (it == stats.end() || it->is_null())
        return std::nullopt;
    if (!it->is_object()) {
        f.warn(pointerToken(id), Fields::found("an object", *it));
        return std::nullopt;
    }
    return f.number(*it, "value", pointerToken(id));
}

} // namespace

QDateTime parseCatalogTime(const QString& text)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*UTC$)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return parseIsoTime(text);
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.hasCaptured(6) ? m.captured(6).toInt() : 0);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

CatalogStats readCatalogStats(const JsonValue& stats, const Fields& f)
{
    CatalogStats s;
    if (stats.contains("num_rows") || stats.contains("num_bytes")) {
        s.platform = QStringLiteral("bigquery");
        s.rowCount = statValue(stats, "num_rows", f);
        s.sizeBytes = statValue(stats, "num_bytes", f);
    } else if (stats.contains("row_count") || stats.contains("bytes") || stats.contains("last_modified")) {
        s.platform = QStringLiteral("snowflake");
        s.rowCount = statValue(stats, "row_count", f);
        s.sizeBytes = statValue(stats, "bytes", f);
        const auto last = stats.find("last_modified");
        if (last != stats.end() && last->is_object()) {
            const QString text = f.string(*last, "value");
            if (!text.isEmpty()) {
                const QDateTime at = parseCatalogTime(text);
                if (at.isValid())
                    s.lastModified = at;
                else
                    f.warn("last_modified/value", QStringLiteral("not a time: \"%1\"").arg(text));
            }
        }
    } else if (stats.contains("rows") || stats.contains("size")) {
        s.platform = QStringLiteral("redshift");
        s.rowCount = statValue(stats, "rows", f);
        // SVV_TABLE_INFO.size, which dbt-redshift reports, counts 1 MB blocks.
        if (const auto mb = statValue(stats, "size", f))
            s.sizeBytes = *mb * 1024 * 1024;
    }
    if (s.rowCount && *s.rowCount < 0)
        s.rowCount.reset();
    if (s.sizeBytes && *s.sizeBytes < 0)
        s.sizeBytes.reset();
    return s;
}

} // namespace sightline::dbt
