#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sightline {

// What an asset is. The names (see kindName) are part of the command line's JSON contract.
enum class AssetKind
{
    Table,
    View,
    Model,
    Source,
    Seed,
    Snapshot,
    Dashboard,
    Look,
    Explore,
    Notebook,
    Analysis,
    Ml,
    Application,
    Job,
};

QString kindName(AssetKind kind);
std::optional<AssetKind> kindFromName(QStringView name);
const QList<AssetKind>& allKinds();

// When two systems report one asset, the kind with the higher rank wins: a dbt model stays a
// model when the warehouse also reports the table it builds.
int kindRank(AssetKind kind);

struct Column
{
    QString name;
    QString type;
    int ordinal = 0;
    QString description;

    bool operator==(const Column&) const = default;
};

// One asset as the workspace knows it. Plain value type: cheap to copy between threads.
struct Asset
{
    qint64 id = 0; // workspace row id, 0 when not stored yet
    QString key;
    AssetKind kind = AssetKind::Table;
    QString platform;
    QString name;
    QString description;
    QStringList tags;
    QString owner;
    QString team;
    QString channel;
    QString url;
    QString database; // relation parts, empty for non-relations
    QString schema;
    QStringList systems; // the systems that reported it: dbt, bigquery, looker, ...
    QList<Column> columns;
    // Columns read from the warehouse itself (catalog, INFORMATION_SCHEMA, OpenLineage schema
    // facet) are the physical schema and make schema versions; columns documented in dbt YAML
    // only add descriptions and fill in an asset no warehouse has described yet.
    bool physicalColumns = false;
    bool retired = false;

    bool operator==(const Asset&) const = default;
};

struct Edge
{
    QString from; // upstream asset key
    QString to; // downstream asset key

    bool operator==(const Edge&) const = default;
};

// The stable key of a warehouse relation: database.schema.identifier, case-folded, with quotes
// and backticks stripped. Empty parts are left out (some warehouses have no database level).
QString relationKey(QStringView database, QStringView schema, QStringView identifier);

// Key of something that is not a relation: system:kind:id.
QString systemKey(QStringView system, QStringView kind, QStringView id);

// The identity of a piece of BI content (dashboard, look, notebook, ...) by its web address:
// scheme and host case-folded, no query, fragment or trailing slash, Looker's
// "/dashboards-next/" read as "/dashboards/". Empty for other kinds and for addresses that are
// not absolute http(s) URLs. A dbt exposure and the Looker dashboard it documents share it, and
// are one asset.
QString contentUrlKey(AssetKind kind, const QString& url);

// Strips one layer of identifier quoting ("x", `x`, [x]) and surrounding blanks.
QString stripIdentifierQuotes(QStringView part);

} // namespace sightline
