#include "dbtnode.h"

#include <QUrl>

namespace sightline::dbt {

namespace {

const QString kDbt = QStringLiteral("dbt");

// unique_id is "<type>.<package>.<name...>": its second part is the package.
std::string packageFromId(std::string_view uniqueId)
{
    const auto first = uniqueId.find('.');
    if (first == std::string_view::npos)
        return {};
    const auto second = uniqueId.find('.', first + 1);
    return std::string(
        uniqueId.substr(first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1));
}

// relation_name as dbt renders it: "db"."schema"."table", `db`.`schema`.`table` or db.schema.table.
QStringList splitRelation(const QString& relation)
{
    QStringList parts;
    QString current;
    QChar quote;
    for (const QChar c : relation) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            else
                current += c;
        } else if (c == u'"' || c == u'`') {
            quote = c;
        } else if (c == u'.') {
            parts.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    parts.append(current);
    return parts;
}

QStringList mergedTags(const JsonValue& entry, const JsonValue* config, const Fields& f)
{
    QStringList tags = f.stringList(entry, "tags");
    if (config) {
        for (const auto& tag : f.stringList(*config, "tags", "config")) {
            if (!tags.contains(tag))
                tags.append(tag);
        }
    }
    tags.removeDuplicates();
    return tags;
}

// The first non-empty value among keys, looked up in config.meta and then in meta.
QString metaValue(const JsonValue* configMeta, const JsonValue* meta, std::initializer_list<const char*> keys,
                  const Fields& f)
{
    const std::pair<const JsonValue*, const char*> sources[] = {{configMeta, "config/meta/"}, {meta, "meta/"}};
    for (const auto& [object, prefix] : sources) {
        if (!object)
            continue;
        for (const char* key : keys) {
            const auto it = object->find(key);
            if (it == object->end())
                continue;
            const QString value = f.text(*it, std::string(prefix) + key).trimmed();
            if (!value.isEmpty())
                return value;
        }
    }
    return {};
}

// A BI tool named by an exposure's url host, for its platform.
QString platformFromUrl(const QString& url)
{
    const QString host = QUrl(url).host().toLower();
    if (host.isEmpty())
        return {};
    static const std::pair<const char*, const char*> tools[] = {
        {"looker", "looker"},
        {"tableau", "tableau"},
        {"metabase", "metabase"},
        {"modeanalytics", "mode"},
        {"mode.com", "mode"},
        {"powerbi", "powerbi"},
        {"lightdash", "lightdash"},
        {"superset", "superset"},
        {"sigmacomputing", "sigma"},
        {"hex.tech", "hex"},
        {"preset.io", "superset"},
        {"datastudio", "looker-studio"},
        {"lookerstudio", "looker-studio"},
    };
    for (const auto& [needle, tool] : tools) {
        if (host.contains(QLatin1String(needle)))
            return QString::fromLatin1(tool);
    }
    return {};
}

QList<Column> readColumns(const JsonValue& node, const Fields& f)
{
    QList<Column> columns;
    const JsonValue* object = f.object(node, "columns");
    if (!object)
        return columns;
    int ordinal = 0;
    for (auto it = object->begin(); it != object->end(); ++it) {
        const std::string at = "columns/" + pointerToken(it.key());
        if (!it->is_object())
            f.fail(at, Fields::found("an object", *it));
        Column c;
        c.name = f.string(*it, "name");
        if (c.name.isEmpty())
            c.name = QString::fromStdString(it.key());
        c.type = f.string(*it, "data_type");
        c.description = f.string(*it, "description");
        c.ordinal = ++ordinal;
        columns.append(c);
    }
    return columns;
}

std::vector<std::string> readDependsOn(const JsonValue& node, const Fields& f)
{
    std::vector<std::string> out;
    const JsonValue* deps = f.object(node, "depends_on");
    if (!deps)
        return out;
    const auto it = deps->find("nodes");
    if (it == deps->end() || it->is_null())
        return out;
    if (!it->is_array())
        f.fail("depends_on/nodes", Fields::found("an array", *it));
    for (const auto& v : *it) {
        if (v.is_string())
            out.push_back(v.get<std::string>());
    }
    return out;
}

} // namespace

const std::vector<std::string>& nodeFields()
{
    // What convertNode() reads, down to the column level; dbt's SQL, docs, checksums and the
    // rest of config are never built.
    static const std::vector<std::string> fields = {
        "unique_id",
        "resource_type",
        "name",
        "package_name",
        "database",
        "schema",
        "alias",
        "identifier",
        "relation_name",
        "meta",
        "tags",
        "description",
        "group",
        "source_name",
        "depends_on/nodes",
        "config/materialized",
        "config/meta",
        "config/tags",
        "config/group",
        "columns/*/name",
        "columns/*/data_type",
        "columns/*/description",
    };
    return fields;
}

void applyMeta(const JsonValue& entry, Asset& asset, const Fields& f)
{
    const JsonValue* config = f.object(entry, "config");
    const JsonValue* configMeta = config ? f.object(*config, "meta", "config") : nullptr;
    const JsonValue* meta = f.object(entry, "meta");
    asset.owner = metaValue(configMeta, meta, {"owner"}, f);
    asset.team = metaValue(configMeta, meta, {"team"}, f);
    asset.channel = metaValue(configMeta, meta, {"alert_channel", "slack_channel", "channel"}, f);
}

NodeResult convertNode(const JsonValue& node, std::string_view uniqueId, const QString& platform, const Fields& f)
{
    NodeResult r;
    if (!node.is_object())
        f.fail({}, Fields::found("an object", node));
    r.package = f.string(node, "package_name").toStdString();
    if (r.package.empty())
        r.package = packageFromId(uniqueId);
    QString type = f.string(node, "resource_type");
    if (type.isEmpty())
        type = QString::fromStdString(std::string(uniqueId.substr(0, uniqueId.find('.'))));
    AssetKind kind;
    if (type == QLatin1String("model"))
        kind = AssetKind::Model;
    else if (type == QLatin1String("source"))
        kind = AssetKind::Source;
    else if (type == QLatin1String("seed"))
        kind = AssetKind::Seed;
    else if (type == QLatin1String("snapshot"))
        kind = AssetKind::Snapshot;
    else
        return r; // test, operation, analysis, sql operation, unit test: not assets
    r.isModel = kind == AssetKind::Model;

    const JsonValue* config = f.object(node, "config");
    r.dependsOn = readDependsOn(node, f);

    Asset& a = r.asset;
    a.kind = kind;
    a.name = f.string(node, "name");
    a.systems = {kDbt};
    const QString materialized = config ? f.string(*config, "materialized") : QString();
    if (kind == AssetKind::Model && materialized == QLatin1String("ephemeral")) {
        // Never built in the warehouse: known to dbt only.
        a.key = systemKey(kDbt, QStringLiteral("model"), QString(QString::fromStdString(r.package) + u'.' + a.name));
        a.platform = kDbt;
    } else {
        a.database = f.string(node, "database");
        a.schema = f.string(node, "schema");
        QString identifier = kind == AssetKind::Source ? f.string(node, "identifier") : f.string(node, "alias");
        if (identifier.isEmpty())
            identifier = a.name;
        const QString relation = f.string(node, "relation_name");
        if (a.schema.isEmpty() && !relation.isEmpty()) {
            QStringList parts = splitRelation(relation);
            identifier = parts.takeLast();
            if (!parts.isEmpty())
                a.schema = parts.takeLast();
            if (!parts.isEmpty())
                a.database = parts.takeLast();
        }
        a.key = relationKey(a.database, a.schema, identifier);
        a.platform = platform;
    }
    a.description = f.string(node, "description");
    a.tags = mergedTags(node, config, f);
    applyMeta(node, a, f);
    r.group = config ? f.string(*config, "group") : QString();
    if (r.group.isEmpty())
        r.group = f.string(node, "group");
    a.columns = readColumns(node, f);
    r.isAsset = !a.key.isEmpty();
    if (!r.isAsset)
        f.warn({}, QStringLiteral("no relation name"));
    return r;
}

NodeResult convertExposure(const JsonValue& exposure, std::string_view uniqueId, const Fields& f)
{
    NodeResult r;
    if (!exposure.is_object())
        f.fail({}, Fields::found("an object", exposure));
    Asset& a = r.asset;
    const QString type = f.string(exposure, "type");
    const auto kind = kindFromName(type);
    static const QList<AssetKind> exposureKinds = {AssetKind::Dashboard, AssetKind::Notebook, AssetKind::Analysis,
                                                   AssetKind::Ml, AssetKind::Application};
    if (kind && exposureKinds.contains(*kind)) {
        a.kind = *kind;
    } else {
        a.kind = AssetKind::Dashboard;
        if (!type.isEmpty())
            f.warn("type", QStringLiteral("unknown exposure type \"%1\", taken as a dashboard").arg(type));
    }
    r.package = f.string(exposure, "package_name").toStdString();
    if (r.package.empty())
        r.package = packageFromId(uniqueId);
    const QString name = f.string(exposure, "name");
    a.key = systemKey(kDbt, QStringLiteral("exposure"), QString(QString::fromStdString(r.package) + u'.' + name));
    a.name = f.string(exposure, "label");
    if (a.name.isEmpty())
        a.name = name;
    a.description = f.string(exposure, "description");
    a.url = f.string(exposure, "url");
    a.systems = {kDbt};
    const JsonValue* config = f.object(exposure, "config");
    a.tags = mergedTags(exposure, config, f);
    applyMeta(exposure, a, f);
    if (const JsonValue* owner = f.object(exposure, "owner"); owner && a.owner.isEmpty()) {
        a.owner = f.string(*owner, "name");
        if (a.owner.isEmpty())
            a.owner = f.string(*owner, "email");
    }
    // Where the exposure lives: meta may say so; else a BI tool in its url; else dbt itself.
    const JsonValue* meta = f.object(exposure, "meta");
    const JsonValue* configMeta = config ? f.object(*config, "meta", "config") : nullptr;
    a.platform = metaValue(configMeta, meta, {"platform"}, f).toLower();
    if (a.platform.isEmpty())
        a.platform = platformFromUrl(a.url);
    if (a.platform.isEmpty())
        a.platform = kDbt;
    r.dependsOn = readDependsOn(exposure, f);
    r.isAsset = !name.isEmpty();
    if (!r.isAsset)
        f.warn({}, QStringLiteral("exposure without a name"));
    return r;
}

QString groupOwner(const JsonValue& group, QString* name, const Fields& f)
{
    if (!group.is_object())
        f.fail({}, Fields::found("an object", group));
    *name = f.string(group, "name");
    const JsonValue* owner = f.object(group, "owner");
    if (!owner)
        return {};
    QString result = f.string(*owner, "name");
    if (result.isEmpty())
        result = f.string(*owner, "email");
    return result;
}

} // namespace sightline::dbt
