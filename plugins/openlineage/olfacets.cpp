#include "olimport.h"

#include "oljson.h"
#include "olnaming.h"

// The facets the importer reads; see docs/formats/openlineage.md for the mapping.
namespace sightline::openlineage {

using namespace json;

void EventImport::readJobFacets(const Place& at, const JsonValue& facets, Asset& job)
{
    if (const JsonValue* jobType = object(at, facets, "jobType"))
        job.platform = text(*jobType, "integration").toLower();
    if (const JsonValue* doc = object(at, facets, "documentation"))
        job.description = text(*doc, "description");
    if (const JsonValue* ownership = object(at, facets, "ownership"))
        readOwnership(Place {at.event, child(at.pointer, "ownership")}, *ownership, job);
    if (const JsonValue* source = object(at, facets, "sourceCodeLocation"))
        job.url = cleanUrl(text(*source, "url"));
}

void EventImport::readOwnership(const Place& at, const JsonValue& facet, Asset& asset)
{
    const JsonValue* owners = array(at, facet, "owners");
    if (!owners)
        return;
    for (const auto& owner : *owners) {
        QString name = text(owner, "name").trimmed();
        const QString type = text(owner, "type").trimmed().toLower();
        if (name.isEmpty())
            continue;
        // The spec's examples write "user:..." and "team:..."; a type of "team" says the same.
        const bool team = name.startsWith(u"team:", Qt::CaseInsensitive) || type == u"team";
        if (name.startsWith(u"team:", Qt::CaseInsensitive) || name.startsWith(u"user:", Qt::CaseInsensitive))
            name = name.mid(5).trimmed();
        if (team && asset.team.isEmpty())
            asset.team = name;
        else if (!team && asset.owner.isEmpty())
            asset.owner = name;
    }
}

void EventImport::readSchema(const Place& at, const JsonValue& facet, Asset& asset)
{
    const JsonValue* fields = array(at, facet, "fields");
    if (!fields)
        return;
    bool truncated = false;
    addFields(Place {at.event, child(at.pointer, "fields")}, *fields, {}, 0, asset, truncated);
    if (truncated) {
        warn(at, QStringLiteral("more than %1 columns: the rest is left out").arg(kMaxColumns));
    }
    asset.physicalColumns = !asset.columns.isEmpty();
}

void EventImport::addFields(const Place& at, const JsonValue& fields, const QString& prefix, int depth, Asset& asset,
                            bool& truncated)
{
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const JsonValue& field = fields[i];
        const QString name = text(field, "name");
        if (name.isEmpty()) {
            warn(Place {at.event, child(at.pointer, i)}, QStringLiteral("a column without a name (skipped)"));
            continue;
        }
        if (asset.columns.size() >= kMaxColumns) {
            truncated = true;
            return;
        }
        Column column;
        column.name = prefix.isEmpty() ? name : prefix + u'.' + name;
        column.type = text(field, "type");
        column.description = text(field, "description");
        column.ordinal = int(asset.columns.size()) + 1;
        asset.columns.append(column);
        // Struct members (schema facet 1-1-0) are columns of their own, named by their path as
        // BigQuery's COLUMN_FIELD_PATHS does.
        const JsonValue* nested = member(field, "fields");
        if (nested && nested->is_array() && depth < 16)
            addFields(Place {at.event, child(child(at.pointer, i), "fields")}, *nested, column.name, depth + 1, asset,
                      truncated);
    }
}

void EventImport::readColumnLineage(const Place& at, const JsonValue& facet, const QString& toKey)
{
    const JsonValue* fields = object(at, facet, "fields");
    if (!fields)
        return;
    for (const auto& [outName, out] : fields->items()) {
        const Place outAt {at.event, child(child(at.pointer, "fields"), outName)};
        if (!out.is_object())
            continue;
        const QString legacyType = text(out, "transformationType");
        const JsonValue* inputs = array(outAt, out, "inputFields");
        if (!inputs)
            continue;
        for (std::size_t i = 0; i < inputs->size(); ++i) {
            const JsonValue& in = (*inputs)[i];
            const QString ns = text(in, "namespace");
            const QString name = text(in, "name");
            const QString field = text(in, "field");
            if (ns.isEmpty() || name.isEmpty() || field.isEmpty()) {
                warn(Place {at.event, child(child(outAt.pointer, "inputFields"), i)},
                     QStringLiteral("an input field without namespace, name or field (skipped)"));
                continue;
            }
            const DatasetIdentity from = datasetIdentity(ns, name);
            ColumnEdge edge;
            edge.fromKey = from.key;
            edge.fromColumn = field;
            edge.toKey = toKey;
            edge.toColumn = QString::fromStdString(outName);
            edge.transformation = legacyType;
            // Spec 1-2-0: transformations [{type: DIRECT|INDIRECT, subtype: IDENTITY|...}].
            if (const JsonValue* list = member(in, "transformations"); list && list->is_array() && !list->empty()) {
                const QString subtype = text(list->front(), "subtype");
                edge.transformation = subtype.isEmpty() ? text(list->front(), "type") : subtype;
            }
            const QString id =
                edge.fromKey + u'\x1f' + edge.fromColumn + u'\x1f' + edge.toKey + u'\x1f' + edge.toColumn;
            if (!m_columnEdgeSet.contains(id)) {
                m_columnEdgeSet.insert(id);
                m_columnEdges.push_back({edge, from.relation});
            }
        }
    }
}

void EventImport::readAssertions(const Place& at, const JsonValue& facet, const QString& key, const QDateTime& time)
{
    const JsonValue* assertions = array(at, facet, "assertions");
    if (!assertions)
        return;
    for (std::size_t i = 0; i < assertions->size(); ++i) {
        const JsonValue& a = (*assertions)[i];
        const JsonValue* success = member(a, "success");
        const QString name = text(a, "assertion");
        if (name.isEmpty() || !success || !success->is_boolean()) {
            warn(Place {at.event, child(child(at.pointer, "assertions"), i)},
                 QStringLiteral("an assertion without a name or a boolean success (skipped)"));
            continue;
        }
        RunResult r;
        r.assetKey = key;
        r.kind = RunResult::Kind::Test;
        r.name = name;
        r.column = text(a, "column");
        r.status = success->get<bool>() ? QStringLiteral("pass") : QStringLiteral("fail");
        r.at = time;
        m_tests.push_back(std::move(r));
    }
}

void EventImport::readMetrics(const Place& at, const JsonValue& facet, const QString& key, const QDateTime& time,
                              int priority)
{
    const auto rows = number(facet, "rowCount");
    if (rows)
        addObservation(key, {}, metric::RowCount, time, *rows, priority);
    if (const auto bytes = number(facet, "bytes"))
        addObservation(key, {}, metric::SizeBytes, time, *bytes, priority);
    const JsonValue* columns = object(at, facet, "columnMetrics");
    if (!columns)
        return;
    for (const auto& [name, m] : columns->items()) {
        if (!m.is_object())
            continue;
        const QString column = QString::fromStdString(name);
        const auto nulls = number(m, "nullCount");
        if (nulls) {
            addObservation(key, column, metric::NullCount, time, *nulls, priority);
            if (rows && *rows > 0)
                addObservation(key, column, metric::NullRate, time, *nulls / *rows, priority);
        }
        if (const auto distinct = number(m, "distinctCount"))
            addObservation(key, column, metric::DistinctCount, time, *distinct, priority);
        if (const auto min = number(m, "min"))
            addObservation(key, column, metric::Min, time, *min, priority);
        if (const auto max = number(m, "max"))
            addObservation(key, column, metric::Max, time, *max, priority);
        const auto sum = number(m, "sum");
        const auto count = number(m, "count");
        if (sum && count && *count > 0)
            addObservation(key, column, metric::Mean, time, *sum / *count, priority);
    }
}

} // namespace sightline::openlineage
