#pragma once

#include <QString>
#include <QStringView>

namespace sightline::openlineage {

// What an OpenLineage dataset (namespace + name) is in the workspace. Datasets that a warehouse
// namespace names resolve to the relation key dbt and the warehouse importers use, so the three
// meet on one asset; everything else keeps an OpenLineage key of its own.
struct DatasetIdentity
{
    QString key;
    QString platform; // empty when the namespace names no system (e.g. a bare "food_delivery")
    QString name; // display name: the table for relations, the dataset name otherwise
    QString database; // relation parts; empty for non-relations
    QString schema;
    bool relation = false;
};

// The scheme a namespace or URI starts with, lower-case: "postgres" for "postgres://db:5432",
// "bigquery" and "file" for the bare namespaces the naming spec defines, empty otherwise.
QString namespaceScheme(QStringView ns);

// The platform a scheme stands for ("awsathena" -> "athena", "postgresql" -> "postgres").
QString platformForScheme(QStringView scheme);

DatasetIdentity datasetIdentity(QStringView ns, QStringView name);

// openlineage:job:namespace/name
QString jobKey(QStringView ns, QStringView name);

} // namespace sightline::openlineage
