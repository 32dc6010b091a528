#include "hostilecorpus.h"

#include "../importers/bqfixtures.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>

namespace sightline::test::hostile {

namespace {

using ojson = nlohmann::ordered_json;

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// A manifest with every kind of entry the importer reads, small enough to mutate value by value.
constexpr const char* kManifest = R"({
 "metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json", "project_name": "p",
              "adapter_type": "bigquery", "generated_at": "2024-03-01T08:00:00Z"},
 "nodes": {
  "model.p.orders": {"resource_type": "model", "name": "orders", "unique_id": "model.p.orders", "package_name": "p",
   "database": "proj", "schema": "analytics", "alias": "orders", "description": "Orders", "tags": ["finance"],
   "meta": {"owner": "ana@example.com", "team": "Data", "channel": "#alerts"},
   "config": {"materialized": "table", "meta": {"owner": "bo@example.com"}},
   "columns": {"id": {"name": "id", "data_type": "int64", "description": "key"}},
   "depends_on": {"nodes": ["source.p.raw.orders"]}, "fqn": ["p", "orders"]},
  "model.p.daily": {"resource_type": "model", "name": "daily", "unique_id": "model.p.daily", "package_name": "p",
   "database": "proj", "schema": "analytics", "alias": "daily", "description": "Per day", "tags": [],
   "config": {"materialized": "view"}, "columns": {},
   "depends_on": {"nodes": ["model.p.orders"]}, "fqn": ["p", "daily"]},
  "test.p.not_null": {"resource_type": "test", "name": "not_null", "unique_id": "test.p.not_null",
   "depends_on": {"nodes": ["model.p.orders"]}, "column_name": "id"}
 },
 "sources": {
  "source.p.raw.orders": {"resource_type": "source", "name": "orders", "source_name": "raw",
   "unique_id": "source.p.raw.orders", "database": "proj", "schema": "raw", "identifier": "orders",
   "description": "Raw orders", "columns": {"id": {"name": "id", "data_type": "int64"}}, "meta": {}, "tags": []}
 },
 "exposures": {
  "exposure.p.kpis": {"resource_type": "exposure", "name": "kpis", "unique_id": "exposure.p.kpis",
   "type": "dashboard", "owner": {"name": "Ana", "email": "ana@example.com"}, "url": "https://example.com/kpis",
   "depends_on": {"nodes": ["model.p.daily"]}}
 },
 "parent_map": {"model.p.orders": ["source.p.raw.orders"], "model.p.daily": ["model.p.orders"],
                "exposure.p.kpis": ["model.p.daily"], "source.p.raw.orders": []}
})";

QByteArray snapshotSeed()
{
    // The example of the format's own documentation.
    const QByteArray doc =
        readFile(QStringLiteral(SIGHTLINE_HOSTILE_SOURCE_DIR "/../../docs/formats/sightline-snapshot.md"));
    const qsizetype start = doc.indexOf("```json\n");
    if (start < 0)
        return {};
    const qsizetype end = doc.indexOf("```", start + 8);
    return doc.mid(start + 8, end - start - 8);
}

// Keys whose values detection looks at: a payload there makes the file unrecognised, which the
// truncation and wrong-type cases already cover.
bool detectionKey(const std::string& key)
{
    static const char* const keys[] = {"dbt_schema_version", "format",    "version",   "eventTime", "eventType",
                                       "producer",           "schemaURL", "_producer", "_schemaURL"};
    for (const char* k : keys) {
        if (key == k)
            return true;
    }
    return false;
}

struct Place
{
    ojson::json_pointer pointer;
    std::string key; // empty inside an array
    int depth = 0;
};

void collect(const ojson& value, const ojson::json_pointer& at, const std::string& key, int depth, QList<Place>& out)
{
    if (depth > 0)
        out.append(Place {at, key, depth});
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            collect(it.value(), at / it.key(), it.key(), depth + 1, out);
    } else if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i)
            collect(value[i], at / i, {}, depth + 1, out);
    }
}

std::optional<ojson> parse(const QByteArray& json)
{
    auto doc = ojson::parse(json.constData(), json.constData() + json.size(), nullptr, false);
    if (doc.is_discarded())
        return std::nullopt;
    return doc;
}

template<typename T>
QList<T> spread(const QList<T>& all, int limit)
{
    if (all.size() <= limit)
        return all;
    QList<T> out;
    for (int i = 0; i < limit; ++i)
        out.append(all[qsizetype(double(i) * double(all.size()) / limit)]);
    return out;
}

std::optional<Place> injectPlace(const ojson& doc, bool wantString)
{
    QList<Place> places;
    collect(doc, ojson::json_pointer(), {}, 0, places);
    std::optional<Place> last;
    for (const auto& p : places) {
        const auto& v = doc.at(p.pointer);
        const bool match = wantString ? v.is_string() : v.is_number();
        // The last such value with a key: the head that detection reads stays intact.
        if (match && p.depth >= 2 && !p.key.empty() && !detectionKey(p.key))
            last = p;
    }
    return last;
}

} // namespace

QList<Seed> seeds()
{
    namespace bq = sightline::test::bq;
    return {
        {QStringLiteral("dbt-manifest"), QByteArray(kManifest)},
        {QStringLiteral("dbt-run-results"),
         readFile(sharedData(QStringLiteral(
             "yu-iskw__dbt-artifacts-parser/tests__resources__run_results__v1__jaffle_shop__run_results.json")))},
        {QStringLiteral("dbt-sources"),
         readFile(sharedData(QStringLiteral(
             "nholuongut__data-hub/metadata-ingestion__tests__integration__dbt__dbt_sources_deleted_actor.json")))},
        {QStringLiteral("dbt-catalog"),
         readFile(sharedData(QStringLiteral(
             "yu-iskw__dbt-artifacts-parser/tests__resources__catalog__v1__jaffle_shop__catalog_1.12.json")))},
        {QStringLiteral("openlineage"),
         readFile(sharedData(
             QStringLiteral("MarquezProject__marquez/api__src__test__resources__open_lineage__event_full.json")))},
        {QStringLiteral("bigquery-metadata"), bq::render(bq::jobRows(), bq::Form::PrettyJson)},
        {QStringLiteral("looker-api"),
         readFile(QStringLiteral(SIGHTLINE_HOSTILE_SOURCE_DIR "/../importers/fixtures/looker/dashboard_42.json"))},
        {QStringLiteral("sightline-snapshot"), snapshotSeed()},
    };
}

QList<qsizetype> structuralBoundaries(const QByteArray& json, int limit)
{
    QList<qsizetype> all;
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':')
            all.append(i + 1);
    }
    // The complete document is not truncated.
    while (!all.isEmpty() && json.mid(all.last()).trimmed().isEmpty())
        all.removeLast();
    return spread(all, limit);
}

QList<QByteArray> wrongTypeVariants(const QByteArray& json, int limit)
{
    QList<QByteArray> out;
    const auto doc = parse(json);
    if (!doc)
        return out;
    QList<Place> places;
    collect(*doc, ojson::json_pointer(), {}, 0, places);
    for (const auto& p : places) {
        const auto& v = doc->at(p.pointer);
        QList<ojson> replacements;
        if (v.is_string())
            replacements = {ojson(7), ojson::object({{"x", 1}})};
        else if (v.is_number())
            replacements = {ojson("7"), ojson::array({1})};
        else if (v.is_boolean())
            replacements = {ojson("yes"), ojson(1)};
        else if (v.is_null())
            replacements = {ojson::object(), ojson(false)};
        else if (v.is_object())
            replacements = {ojson("x"), ojson::array()};
        else
            replacements = {ojson::object(), ojson(-1)};
        for (const auto& r : replacements) {
            ojson copy = *doc;
            copy.at(p.pointer) = r;
            const std::string text = copy.dump();
            out.append(QByteArray(text.data(), qsizetype(text.size())));
        }
    }
    return spread(out, limit);
}

QByteArray inject(const QByteArray& json, bool wantString, const QByteArray& payload)
{
    auto doc = parse(json);
    if (!doc)
        return {};
    const auto place = injectPlace(*doc, wantString);
    if (!place)
        return {};
    doc->at(place->pointer) = "@@HOSTILE@@";
    const std::string text = doc->dump();
    QByteArray out(text.data(), qsizetype(text.size()));
    const qsizetype at = out.indexOf("\"@@HOSTILE@@\"");
    return out.left(at) + payload + out.mid(at + 13);
}

QByteArray injectKey(const QByteArray& json, bool wantString)
{
    const auto doc = parse(json);
    if (!doc)
        return {};
    const auto place = injectPlace(*doc, wantString);
    return place ? QByteArray::fromStdString(place->key) : QByteArray();
}

Harness::Harness()
{
    if (!m_registry.loadPlugins(pluginDir()).isEmpty() || m_registry.importers().size() != 8)
        return;
    m_base = m_dir.filePath(QStringLiteral("base.sightline"));
    const QString seedFile = m_dir.filePath(QStringLiteral("base-snapshot.json"));
    QFile f(seedFile);
    if (!f.open(QIODevice::WriteOnly) || f.write(snapshotSeed()) <= 0)
        return;
    f.close();
    const auto report = ImportRunner(m_registry).run(m_base, {seedFile});
    if (report.outcome != ImportReport::Outcome::Imported || QFile::exists(m_base + QStringLiteral("-wal")))
        return;
    m_baseDump = dumpWorkspace(m_base);
    m_ok = !m_baseDump.isEmpty();
}

QString Harness::freshDir()
{
    const QString path = m_dir.filePath(QStringLiteral("case%1").arg(++m_counter));
    QDir().mkpath(path);
    return path;
}

Outcome Harness::importBytes(const QByteArray& bytes, const QString& fileName)
{
    const QString dir = freshDir();
    const QString file = dir + u'/' + fileName;
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        Outcome o;
        o.crashed = QStringLiteral("cannot write the case");
        return o;
    }
    f.close();
    return importPaths({file});
}

Outcome Harness::importPaths(const QStringList& paths, const ImportRunner::Progress& progress)
{
    Outcome o;
    const QString ws = freshDir() + QStringLiteral("/ws.sightline");
    if (!QFile::copy(m_base, ws)) {
        o.crashed = QStringLiteral("cannot copy the base workspace");
        return o;
    }
    try {
        const auto report = ImportRunner(m_registry).run(ws, paths, progress);
        o.outcome = report.outcome;
        o.error = report.error;
        for (const auto& file : report.files)
            o.warnings += int(file.warnings.size());
    } catch (const std::exception& e) {
        o.crashed = QString::fromUtf8(e.what());
    }
    if (o.outcome != ImportReport::Outcome::Imported && o.outcome != ImportReport::Outcome::NothingNew)
        o.unchanged = dumpWorkspace(ws) == m_baseDump;
    QFile::remove(ws);
    for (const auto& p : paths) {
        if (QFileInfo(p).isFile())
            QFile::remove(p);
    }
    return o;
}

bool wellFormedError(const QString& error, const QString& file)
{
    if (!error.startsWith(file) || error.size() > 2000 || error.contains(u'\n'))
        return false;
    static const QRegularExpression place(QStringLiteral(R"(^(:\d+(:\d+)?|: byte \d+)?: \S)"));
    return place.match(QStringView(error).mid(file.size())).hasMatch();
}

} // namespace sightline::test::hostile
