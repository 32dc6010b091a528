#include "olnaming.h"

#include "core/asset.h"

#include <QList>

namespace sightline::openlineage {

namespace {

struct Warehouse
{
    QStringView scheme;
    QStringView platform;
    int parts; // 3: database.schema.table, 2: database.table
};

// The warehouse namespaces of OpenLineage's dataset naming spec whose names are relations.
constexpr Warehouse kWarehouses[] = {
    {u"bigquery", u"bigquery", 3}, // bigquery, project.dataset.table
    {u"snowflake", u"snowflake", 3}, // snowflake://org-account, db.schema.table
    {u"postgres", u"postgres", 3}, // postgres://host:port, db.schema.table
    {u"postgresql", u"postgres", 3},
    {u"redshift", u"redshift", 3}, // redshift://cluster.region:port, db.schema.table
    {u"trino", u"trino", 3}, // trino://host:port, catalog.schema.table
    {u"awsathena", u"athena", 3}, // awsathena://athena.region.amazonaws.com, catalog.db.table
    {u"databricks", u"databricks", 3}, // databricks://host, catalog.schema.table
    {u"mssql", u"sqlserver", 3}, // mssql://host:port, db.schema.table
    {u"sqlserver", u"sqlserver", 3},
    {u"duckdb", u"duckdb", 3},
    {u"hive", u"hive", 2}, // hive://host:port, db.table
    {u"mysql", u"mysql", 2}, // mysql://host:port, db.table
};

const Warehouse* warehouse(QStringView scheme)
{
    for (const auto& w : kWarehouses) {
        if (w.scheme == scheme)
            return &w;
    }
    return nullptr;
}

// Splits name into exactly `parts` dot-separated parts, or returns an empty list. BigQuery
// project ids may contain a dot ("example.com:project"), so its first part takes the rest.
QList<QStringView> splitRelation(QStringView name, int parts, bool dottedFirst)
{
    QList<QStringView> out;
    QStringView rest = name;
    while (int(out.size()) < parts - 1) {
        const qsizetype dot = rest.lastIndexOf(u'.');
        if (dot < 0)
            return {};
        out.prepend(rest.mid(dot + 1));
        rest = rest.left(dot);
    }
    if (!dottedFirst && rest.contains(u'.'))
        return {};
    out.prepend(rest);
    for (QStringView part : out) {
        if (part.trimmed().isEmpty())
            return {};
    }
    return out;
}

} // namespace

QString namespaceScheme(QStringView ns)
{
    const qsizetype sep = ns.indexOf(u"://");
    if (sep > 0)
        return ns.left(sep).trimmed().toString().toLower();
    const QString bare = ns.trimmed().toString().toLower();
    if (bare == u"bigquery" || bare == u"file")
        return bare;
    return {};
}

QString platformForScheme(QStringView scheme)
{
    if (const Warehouse* w = warehouse(scheme))
        return w->platform.toString();
    if (scheme == u"s3a" || scheme == u"s3n")
        return QStringLiteral("s3");
    return scheme.toString();
}

DatasetIdentity datasetIdentity(QStringView ns, QStringView name)
{
    DatasetIdentity id;
    const QString scheme = namespaceScheme(ns);
    id.platform = platformForScheme(scheme);
    if (const Warehouse* w = warehouse(scheme)) {
        const auto parts = splitRelation(name.trimmed(), w->parts, scheme == u"bigquery");
        if (!parts.isEmpty()) {
            id.relation = true;
            if (w->parts == 3) {
                id.database = parts[0].toString();
                id.schema = parts[1].toString();
            } else {
                id.schema = parts[0].toString();
            }
            id.name = parts.last().toString();
            id.key = relationKey(id.database, id.schema, id.name);
            return id;
        }
    }
    id.name = name.toString();
    id.key = systemKey(u"openlineage", u"dataset", QString(ns.toString() + u'/' + name.toString()));
    return id;
}

QString jobKey(QStringView ns, QStringView name)
{
    return systemKey(u"openlineage", u"job", QString(ns.toString() + u'/' + name.toString()));
}

} // namespace sightline::openlineage
