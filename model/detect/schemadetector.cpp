#include "detectors.h"

#include "store/workspace.h"

#include <nlohmann/json.hpp>

#include <QHash>

namespace sightline::detect {

namespace {
struct SchemaColumn
{
    QString name;
    QString type;
};

// columns is [["name","type",ordinal],...] (WorkspaceWriter); ordered by ordinal.
QList<SchemaColumn> parseColumns(const QString& text)
{
    QList<std::pair<qint64, SchemaColumn>> rows;
    const auto array = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (!array.is_array())
        return {};
    for (const auto& c : array) {
        if (!c.is_array() || c.size() < 3 || !c[0].is_string())
            continue;
        rows.append({c[2].is_number_integer() ? c[2].get<qint64>() : rows.size(),
                     {QString::fromStdString(c[0].get<std::string>()),
                      c[1].is_string() ? QString::fromStdString(c[1].get<std::string>()) : QString()}});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<SchemaColumn> columns;
    for (const auto& r : std::as_const(rows))
        columns.append(r.second);
    return columns;
}

struct Version
{
    qint64 at = 0;
    QList<SchemaColumn> columns;
};
} // namespace

void detectSchema(sql::Database& db, qint64 asOf, const AssetScope& asset, Findings& out)
{
    auto stmt = db.prepare("SELECT captured_at, columns FROM schema_version WHERE asset_id = ?1 AND captured_at IS "
                           "NOT NULL AND captured_at <= ?2 ORDER BY captured_at, id");
    stmt.bind(1, asset.id).bind(2, asOf);
    QList<Version> versions;
    while (stmt.step())
        versions.append({stmt.int64(0), parseColumns(stmt.text(1))});
    for (qsizetype v = 1; v < versions.size(); ++v) {
        const Version& before = versions[v - 1];
        const Version& after = versions[v];
        QHash<QString, QString> oldTypes;
        for (const auto& c : before.columns)
            oldTypes.insert(c.name.toCaseFolded(), c.type);
        QHash<QString, QString> newTypes;
        for (const auto& c : after.columns)
            newTypes.insert(c.name.toCaseFolded(), c.type);
        QStringList removed, added, retyped;
        for (const auto& c : before.columns) {
            if (!newTypes.contains(c.name.toCaseFolded()))
                removed.append(c.name + QStringLiteral(" (") + c.type + u')');
        }
        QStringList oldOrder, newOrder;
        for (const auto& c : before.columns) {
            if (newTypes.contains(c.name.toCaseFolded()))
                oldOrder.append(c.name.toCaseFolded());
        }
        for (const auto& c : after.columns) {
            const QString folded = c.name.toCaseFolded();
            if (!oldTypes.contains(folded)) {
                added.append(c.name + QStringLiteral(" (") + c.type + u')');
                continue;
            }
            newOrder.append(folded);
            const QString oldType = oldTypes.value(folded);
            if (oldType.compare(c.type, Qt::CaseInsensitive) != 0)
                retyped.append(c.name + QStringLiteral(" ") + oldType + QStringLiteral(" -> ") + c.type);
        }
        const bool reordered = oldOrder != newOrder;
        if (removed.isEmpty() && added.isEmpty() && retyped.isEmpty() && !reordered)
            continue;
        QStringList parts;
        if (!removed.isEmpty())
            parts.append(QStringLiteral("removed ") + removed.join(QStringLiteral(", ")));
        if (!retyped.isEmpty())
            parts.append(QStringLiteral("retyped ") + retyped.join(QStringLiteral(", ")));
        if (!added.isEmpty())
            parts.append(QStringLiteral("added ") + added.join(QStringLiteral(", ")));
        if (reordered)
            parts.append(QStringLiteral("reordered columns"));
        const bool breaking = !removed.isEmpty() || !retyped.isEmpty();
        // Only a single changed column is named as the incident's column.
        QString column;
        const QStringList touched = removed + retyped + added;
        if (touched.size() == 1)
            column = touched.first().section(u' ', 0, 0);
        Incident inc = baseIncident(QStringLiteral("schema.change"), IncidentKind::Schema, asset, column, after.at,
                                    before.at, before.at, after.at, {});
        inc.fingerprint = fingerprintOf(inc.detector, asset.key, {}, after.at);
        inc.observed = double(removed.size() + retyped.size() + added.size() + (reordered ? 1 : 0));
        inc.observedText = parts.join(QStringLiteral("; "));
        inc.direction = QStringLiteral("changed");
        int downstream = 0;
        if (asset.downstream)
            downstream = asset.downstream().first;
        // Breaking changes with consumers rank first: the score counts what can break.
        inc.score = breaking ? double(removed.size() + retyped.size()) * (1 + downstream) : 0.5 * inc.observed.value();
        inc.severity = suggestSeverity(breaking ? (downstream > 0 ? 2 : 3) : 4, asset);
        inc.explanation =
            QStringLiteral("The schema of %1 changed between %2 and %3: %4%5.")
                .arg(asset.key, isoTime(before.at), isoTime(after.at), parts.join(QStringLiteral("; ")),
                     breaking && downstream > 0 ? QStringLiteral(" (%1 downstream assets may break)").arg(downstream)
                                                : QString());
        out.incidents.append(inc);
    }
}

} // namespace sightline::detect
