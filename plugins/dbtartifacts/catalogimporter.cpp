#include "catalogimporter.h"

#include "catalogstats.h"
#include "dbtartifact.h"
#include "import/jsonstream.h"

#include <QSet>

#include <algorithm>
#include <map>
#include <vector>

namespace sightline {

namespace {

constexpr int kNewestKnownVersion = 1;
constexpr qint64 kMaxString = qint64(16) << 20;
const QString kDbt = QStringLiteral("dbt");

// One relation of the catalog, kept until the file is read: the source id and the platform
// depend on the whole file.
struct Relation
{
    Asset asset;
    dbt::CatalogStats stats;
};

AssetKind kindOf(const QString& type)
{
    // information_schema's "BASE TABLE", "VIEW", "EXTERNAL TABLE", "MATERIALIZED VIEW";
    // BigQuery's "table", "view"; anything else holds data like a table.
    return type.toLower().contains(QLatin1String("view")) ? AssetKind::View : AssetKind::Table;
}

class CatalogImport
{
public:
    CatalogImport(const ImportContext& context, ImportSink& sink)
        : m_context(context)
        , m_sink(sink)
    {
        m_reader.setMaxStringSize(kMaxString);
        m_reader.selectWhole("metadata");
        m_reader.selectMembers("nodes");
        m_reader.selectMembers("sources");
        m_reader.selectWhole("errors");
        m_reader.setProgress([this](qint64 done) { m_context.reportProgress(done); });
        m_reader.setCancelled([this] { return m_context.cancelled && m_context.cancelled(); });
    }

    void run()
    {
        m_reader.readFile(m_context.path, [this](JsonStreamItem& item) { onItem(item); });
        if (!m_metadataSeen)
            throw ImportError(m_context.path, QStringLiteral("/metadata: missing; not a dbt catalog.json"));
        finish();
    }

private:
    void onItem(JsonStreamItem& item)
    {
        if (item.topKey == "metadata") {
            const dbt::Fields f(m_reader, m_sink, "/metadata", item.offset);
            m_generatedAt = dbt::readArtifactMetadata(item.value, QLatin1String("catalog"), f);
            m_metadataSeen = true;
        } else if (item.topKey == "errors") {
            // Relations the catalog query failed on; the rest of the file is still good.
            if (item.value.is_array()) {
                for (const auto& e : item.value)
                    m_sink.warning(m_context.path + QStringLiteral(": the catalog reports an error: ")
                                   + QString::fromStdString(e.is_string() ? e.get<std::string>() : e.dump()));
            }
        } else {
            readEntry(item, item.topKey == "nodes");
        }
    }

    void readEntry(JsonStreamItem& item, bool isNode)
    {
        const dbt::Fields f(m_reader, m_sink, dbt::memberPointer(item), item.offset);
        if (item.container != JsonStreamItem::Container::Object) {
            if (item.container == JsonStreamItem::Container::None && item.value.is_null())
                return;
            const dbt::Fields section(m_reader, m_sink, "/" + dbt::pointerToken(item.topKey), item.offset);
            section.fail({},
                         item.container == JsonStreamItem::Container::Array
                             ? QStringLiteral("expected an object, found an array")
                             : dbt::Fields::found("an object", item.value));
        }
        const JsonValue& entry = item.value;
        if (!entry.is_object())
            f.fail({}, dbt::Fields::found("an object", entry));
        const JsonValue* meta = f.object(entry, "metadata");
        if (!meta) {
            f.warn("metadata", QStringLiteral("missing"));
            return;
        }
        Relation rel;
        Asset& a = rel.asset;
        a.database = f.string(*meta, "database");
        a.schema = f.string(*meta, "schema");
        const QString name = f.string(*meta, "name");
        a.key = relationKey(a.database, a.schema, name);
        if (name.isEmpty() || a.key.isEmpty()) {
            f.warn("metadata/name", QStringLiteral("no relation name"));
            return;
        }
        a.kind = kindOf(f.string(*meta, "type"));
        // The display name is left to dbt: a model's name beats the relation's identifier, and a
        // relation nothing else names is shown by its key.
        a.description = f.string(*meta, "comment");
        a.systems = {kDbt};
        a.columns = readColumns(entry, f);
        a.physicalColumns = true;
        if (const JsonValue* stats = f.object(entry, "stats"))
            rel.stats =
                dbt::readCatalogStats(*stats, dbt::Fields(m_reader, m_sink, f.pointer() + "/stats", item.offset));
        if (!rel.stats.platform.isEmpty())
            ++m_platforms[rel.stats.platform];

        if (!a.database.isEmpty())
            ++(isNode ? m_nodeDatabases : m_sourceDatabases)[a.database.toLower()];
        // A source and the seed it reads can be one relation: report it once.
        if (m_keys.contains(a.key))
            return;
        m_keys.insert(a.key);
        m_relations.push_back(std::move(rel));
    }

    QList<Column> readColumns(const JsonValue& entry, const dbt::Fields& f) const
    {
        QList<Column> columns;
        const JsonValue* map = f.object(entry, "columns");
        if (!map)
            return columns;
        for (const auto& [key, value] : map->items()) {
            const std::string at = "columns/" + dbt::pointerToken(key);
            if (!value.is_object()) {
                f.warn(at, dbt::Fields::found("an object", value));
                continue;
            }
            Column c;
            c.name = f.string(value, "name");
            if (c.name.isEmpty())
                c.name = QString::fromStdString(key);
            c.type = f.string(value, "type");
            c.description = f.string(value, "comment");
            const auto index = f.number(value, "index", at);
            c.ordinal = index && *index >= 0 && *index < 1e6 ? int(*index) : int(columns.size()) + 1;
            columns.append(c);
        }
        std::stable_sort(columns.begin(), columns.end(),
                         [](const Column& x, const Column& y) { return x.ordinal < y.ordinal; });
        return columns;
    }

    // The warehouse database the catalog describes: where most of its nodes (else its sources)
    // live. Never the file's path: one folder may hold catalogs of several projects, and each
    // must retire only its own relations. Not the package of the unique ids either: in a
    // project with many packages the most frequent one changes as packages are added.
    QString scope() const
    {
        const auto& votes = m_nodeDatabases.empty() ? m_sourceDatabases : m_nodeDatabases;
        QString best;
        int bestCount = 0;
        for (const auto& [database, count] : votes) {
            if (count > bestCount) {
                best = database;
                bestCount = count;
            }
        }
        return best.isEmpty() ? QStringLiteral("unknown") : best;
    }

    void finish()
    {
        m_sink.beginSource(QStringLiteral("dbt-catalog:") + scope(), m_generatedAt);
        // One catalog is one warehouse: relations whose stats say nothing (views) take the
        // platform the others betray.
        QString filePlatform;
        int best = 0;
        for (const auto& [platform, count] : m_platforms) {
            if (count > best) {
                best = count;
                filePlatform = platform;
            }
        }
        if (m_relations.empty())
            m_sink.warning(m_context.path + QStringLiteral(": no relations in the catalog"));
        if (!m_generatedAt.isValid() && !m_relations.empty())
            m_sink.warning(m_context.path + QStringLiteral(": no generated_at, so no statistics were recorded"));
        int step = 0;
        for (auto& rel : m_relations) {
            if (++step % 4096 == 0)
                m_context.checkCancelled();
            Asset& a = rel.asset;
            a.platform = rel.stats.platform.isEmpty() ? filePlatform : rel.stats.platform;
            m_sink.asset(a);
            if (!m_generatedAt.isValid())
                continue;
            auto observe = [&](const char16_t* metric, double value) {
                m_sink.observation({a.key, {}, QString::fromUtf16(metric), m_generatedAt, value});
            };
            if (rel.stats.rowCount)
                observe(metric::RowCount, *rel.stats.rowCount);
            if (rel.stats.sizeBytes)
                observe(metric::SizeBytes, *rel.stats.sizeBytes);
            if (rel.stats.lastModified)
                observe(metric::LastModified, double(rel.stats.lastModified->toMSecsSinceEpoch()));
        }
    }

    const ImportContext& m_context;
    ImportSink& m_sink;
    JsonStreamReader m_reader;
    QDateTime m_generatedAt;
    bool m_metadataSeen = false;
    std::map<QString, int> m_nodeDatabases;
    std::map<QString, int> m_sourceDatabases;
    QSet<QString> m_keys;
    std::map<QString, int> m_platforms;
    std::vector<Relation> m_relations;
};

} // namespace

QString DbtCatalogImporter::formatId() const
{
    return QStringLiteral("dbt-catalog");
}

QString DbtCatalogImporter::displayName() const
{
    return QStringLiteral("dbt catalog.json");
}

Detection DbtCatalogImporter::detect(const QByteArray& head) const
{
    return dbt::detectArtifact(head, QLatin1String("catalog"), kNewestKnownVersion);
}

void DbtCatalogImporter::import(const ImportContext& context, ImportSink& sink) const
{
    CatalogImport(context, sink).run();
}

} // namespace sightline
