#pragma once

#include <QDateTime>
#include <QString>

namespace sightline::looker {

// A warehouse table named by an explore's or join's sql_table_name.
struct TableRef
{
    QString key; // relationKey
    QString database; // empty with two parts
    QString schema;
    QString identifier;
};

// Parses sql_table_name as Looker resolves it: "`proj.dataset.table`\n     AS order_items",
// "proj.dataset.table alias", "`proj`.`dataset`.`table`", legacy "[proj:dataset.table]".
// Returns false (with *why) for what is not a plain two- or three-part table name: subqueries,
// Liquid or ${} templating, a bare one-part name.
bool parseSqlTableName(const QString& text, TableRef* ref, QString* why);

// "https://acme.looker.com:19999/api/4.0/users/7" -> "acme.looker.com"; empty if not absolute.
QString hostOfUrl(const QString& url);

// ISO 8601 as Looker writes it ("2024-05-01T06:00:00.000+00:00"); invalid if it is not one.
QDateTime parseLookerTime(const QString& text);

} // namespace sightline::looker
