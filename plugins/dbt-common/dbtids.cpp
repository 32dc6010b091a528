#include "dbtids.h"

#include "core/asset.h"

namespace sightline::dbt {

std::string packageFromId(std::string_view uniqueId)
{
    const auto first = uniqueId.find('.');
    if (first == std::string_view::npos)
        return {};
    const auto second = uniqueId.find('.', first + 1);
    return std::string(
        uniqueId.substr(first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1));
}

std::string_view typeFromId(std::string_view uniqueId)
{
    return uniqueId.substr(0, uniqueId.find('.'));
}

QString nodeKey(std::string_view uniqueId)
{
    return systemKey(u"dbt", u"node", QString::fromUtf8(uniqueId.data(), qsizetype(uniqueId.size())));
}

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

QString relationNameKey(const QString& relation)
{
    if (relation.trimmed().isEmpty())
        return {};
    QStringList parts = splitRelation(relation.trimmed());
    const QString identifier = parts.takeLast();
    const QString schema = parts.isEmpty() ? QString() : parts.takeLast();
    const QString database = parts.isEmpty() ? QString() : parts.takeLast();
    return relationKey(database, schema, identifier);
}

} // namespace sightline::dbt
