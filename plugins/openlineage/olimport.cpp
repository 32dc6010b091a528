#include "olimport.h"

#include "oljson.h"
#include "olnaming.h"
#include "oltime.h"

#include <QCryptographicHash>
#include <QFile>

#include <algorithm>

namespace sightline::openlineage {

using namespace json;

EventImport::EventImport(const ImportContext& context, ImportSink& sink)
    : m_context(context)
    , m_sink(sink)
{
    m_reader.setProgress([this](qint64 done) { m_context.reportProgress(done); });
    m_reader.setCancelled([this] { return m_context.cancelled && m_context.cancelled(); });
}

void EventImport::run()
{
    m_reader.readFile(m_context.path, [this](Event& event) { onEvent(event); });
    if (m_events == 0)
        throw ImportError(m_context.path, QStringLiteral("no OpenLineage run events in the file"));
    if (m_events == m_skipped) {
        throw ImportError(
            m_context.path,
            QStringLiteral("none of the %1 run events is usable; the first: %2").arg(m_events).arg(m_firstSkipReason));
    }
    finish();
}

void EventImport::warn(const Event& event, std::string_view pointer, const QString& what)
{
    if (++m_warnings > kMaxWarnings)
        return;
    m_sink.warning(QStringLiteral("line %1, event %2%3: %4")
                       .arg(event.line)
                       .arg(event.index + 1)
                       .arg(pointer.empty() ? QString()
                                            : QString(QStringLiteral(" at ")
                                                      + QString::fromUtf8(pointer.data(), qsizetype(pointer.size()))),
                            what));
}

void EventImport::warn(const Place& at, const QString& what)
{
    warn(at.event, at.pointer, what);
}

const JsonValue* EventImport::object(const Place& at, const JsonValue& parent, const char* key)
{
    const JsonValue* v = member(parent, key);
    if (v && !v->is_object()) {
        warn(Place {at.event, child(at.pointer, key)},
             QStringLiteral("expected an object, found %1 (skipped)").arg(found(*v)));
        return nullptr;
    }
    return v;
}

const JsonValue* EventImport::array(const Place& at, const JsonValue& parent, const char* key)
{
    const JsonValue* v = member(parent, key);
    if (v && !v->is_array()) {
        warn(Place {at.event, child(at.pointer, key)},
             QStringLiteral("expected an array, found %1 (skipped)").arg(found(*v)));
        return nullptr;
    }
    return v;
}

void EventImport::onEvent(Event& event)
{
    ++m_events;
    const JsonValue& e = event.value;
    const Place at {event, event.pointer};
    auto skip = [&](std::string_view field, const QString& reason) {
        ++m_skipped;
        const std::string p = event.pointer + "/" + std::string(field); // field: a literal path
        if (m_firstSkipReason.isEmpty()) {
            m_firstSkipReason =
                QStringLiteral("line %1: %2: %3").arg(event.line).arg(QString::fromStdString(p), reason);
        }
        warn(event, p, reason + QStringLiteral(" (event skipped)"));
    };

    const JsonValue* timeValue = member(e, "eventTime");
    if (!timeValue || !timeValue->is_string()) {
        skip("eventTime",
             timeValue ? QStringLiteral("expected a string, found %1").arg(found(*timeValue))
                       : QStringLiteral("missing"));
        return;
    }
    const QString timeText = text(e, "eventTime");
    const QDateTime time = parseEventTime(timeText);
    if (!time.isValid()) {
        skip("eventTime", QStringLiteral("not a time: %1").arg(timeText.left(100)));
        return;
    }
    const JsonValue* job = member(e, "job");
    if (!job || !job->is_object()) {
        skip("job", job ? QStringLiteral("expected an object, found %1").arg(found(*job)) : QStringLiteral("missing"));
        return;
    }
    const QString jobNamespace = text(*job, "namespace");
    const QString jobName = text(*job, "name");
    if (jobNamespace.isEmpty() || jobName.isEmpty()) {
        skip(jobNamespace.isEmpty() ? "job/namespace" : "job/name", QStringLiteral("missing or not a string"));
        return;
    }

    // Problems the spec forbids but that leave the event usable.
    QString runId;
    if (const JsonValue* run = object(at, e, "run"))
        runId = text(*run, "runId");
    if (runId.isEmpty())
        warn(event, event.pointer + "/run/runId", QStringLiteral("missing: the run cannot be followed"));
    else if (!isUuid(runId))
        warn(event, event.pointer + "/run/runId", QStringLiteral("not a UUID: %1").arg(runId));
    if (text(e, "producer").isEmpty())
        warn(event, child(event.pointer, "producer"), QStringLiteral("missing"));

    if (!m_newest.isValid() || time > m_newest)
        m_newest = time;
    m_jobNamespaces.insert(jobNamespace);

    Asset jobAsset;
    jobAsset.key = jobKey(jobNamespace, jobName);
    jobAsset.kind = AssetKind::Job;
    jobAsset.name = jobName;
    jobAsset.systems = {system()};
    const Place jobAt {event, child(event.pointer, "job")};
    if (const JsonValue* facets = object(jobAt, *job, "facets"))
        readJobFacets(Place {event, child(jobAt.pointer, "facets")}, *facets, jobAsset);
    mergeAsset(jobAsset, time);

    for (const char* side : {"inputs", "outputs"}) {
        const JsonValue* list = array(at, e, side);
        if (!list)
            continue;
        const std::string listPointer = child(event.pointer, side);
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Place dsAt {event, child(listPointer, i)};
            const JsonValue& ds = (*list)[i];
            if (!ds.is_object()) {
                warn(dsAt, QStringLiteral("expected a dataset object, found %1 (skipped)").arg(found(ds)));
                continue;
            }
            readDataset(dsAt, ds, side[0] == 'o', jobAsset.key, time);
        }
    }

    // A run's outcome: the terminal events only (START and RUNNING say nothing about it yet).
    const QString type = text(e, "eventType").toUpper();
    if (type == u"START") {
        if (!runId.isEmpty() && (!m_runStarts.contains(runId) || time < m_runStarts.value(runId)))
            m_runStarts.insert(runId, time);
    } else if (type == u"COMPLETE" || type == u"FAIL" || type == u"ABORT") {
        PendingRun run;
        run.runId = runId;
        run.result.assetKey = jobAsset.key;
        run.result.kind = RunResult::Kind::Run;
        run.result.name = jobName;
        run.result.at = time;
        run.result.status = type == u"COMPLETE" ? QStringLiteral("success")
            : type == u"FAIL"                   ? QStringLiteral("fail")
                                                : QStringLiteral("error");
        if (const JsonValue* run_ = member(e, "run")) {
            if (const JsonValue* facets = member(*run_, "facets")) {
                if (const JsonValue* error = member(*facets, "errorMessage"))
                    run.result.message = text(*error, "message");
            }
        }
        m_runs.push_back(std::move(run));
    }
}

void EventImport::readDataset(const Place& at, const JsonValue& ds, bool output, const QString& job,
                              const QDateTime& time)
{
    const QString ns = text(ds, "namespace");
    const QString name = text(ds, "name");
    if (ns.isEmpty() || name.isEmpty()) {
        warn(at,
             QStringLiteral("a dataset without %1 (skipped)")
                 .arg(ns.isEmpty() ? QStringLiteral("namespace") : QStringLiteral("name")));
        return;
    }
    const DatasetIdentity id = datasetIdentity(ns, name);
    Asset asset;
    asset.key = id.key;
    asset.kind = AssetKind::Table;
    asset.platform = id.platform;
    asset.name = id.name;
    asset.database = id.database;
    asset.schema = id.schema;
    asset.systems = {system()};

    const JsonValue* facets = object(at, ds, "facets");
    const Place facetsAt {at.event, child(at.pointer, "facets")};
    if (facets) {
        if (const JsonValue* doc = object(facetsAt, *facets, "documentation"))
            asset.description = text(*doc, "description");
        if (const JsonValue* ownership = object(facetsAt, *facets, "ownership"))
            readOwnership(Place {at.event, child(facetsAt.pointer, "ownership")}, *ownership, asset);
        if (const JsonValue* source = object(facetsAt, *facets, "dataSource")) {
            const QString uri = text(*source, "uri");
            asset.url = cleanUrl(uri);
            // A namespace without a scheme ("food_delivery") says nothing of where the data
            // lives; the data source's URI does.
            if (asset.platform.isEmpty())
                asset.platform = platformForScheme(namespaceScheme(uri));
        }
        if (const JsonValue* type = object(facetsAt, *facets, "datasetType")) {
            if (text(*type, "datasetType").compare(u"VIEW", Qt::CaseInsensitive) == 0)
                asset.kind = AssetKind::View;
        }
        if (const JsonValue* schema = object(facetsAt, *facets, "schema"))
            readSchema(Place {at.event, child(facetsAt.pointer, "schema")}, *schema, asset);
    }
    mergeAsset(asset, time);
    if (output)
        addEdge(job, asset.key);
    else
        addEdge(asset.key, job);

    if (facets) {
        if (const JsonValue* lineage = object(facetsAt, *facets, "columnLineage"))
            readColumnLineage(Place {at.event, child(facetsAt.pointer, "columnLineage")}, *lineage, asset.key);
        if (const JsonValue* dq = object(facetsAt, *facets, "dataQualityAssertions"))
            readAssertions(Place {at.event, child(facetsAt.pointer, "dataQualityAssertions")}, *dq, asset.key, time);
        if (const JsonValue* dq = object(facetsAt, *facets, "dataQualityMetrics"))
            readMetrics(Place {at.event, child(facetsAt.pointer, "dataQualityMetrics")}, *dq, asset.key, time, 1);
    }
    const char* runFacetsKey = output ? "outputFacets" : "inputFacets";
    const JsonValue* runFacets = object(at, ds, runFacetsKey);
    if (!runFacets)
        return;
    const Place runAt {at.event, child(at.pointer, runFacetsKey)};
    if (const JsonValue* dq = object(runAt, *runFacets, "dataQualityAssertions"))
        readAssertions(Place {at.event, child(runAt.pointer, "dataQualityAssertions")}, *dq, asset.key, time);
    if (const JsonValue* dq = object(runAt, *runFacets, "dataQualityMetrics"))
        readMetrics(Place {at.event, child(runAt.pointer, "dataQualityMetrics")}, *dq, asset.key, time, 1);
    if (const JsonValue* stats = object(runAt, *runFacets, "outputStatistics")) {
        // What the run wrote: the dataset's state after it, so it wins over input metrics
        // measured at the same event time.
        if (const auto rows = number(*stats, "rowCount"))
            addObservation(asset.key, {}, metric::RowCount, time, *rows, 2);
        if (const auto size = number(*stats, "size"))
            addObservation(asset.key, {}, metric::SizeBytes, time, *size, 2);
    }
}

void EventImport::mergeAsset(const Asset& incoming, const QDateTime& time)
{
    const auto found = m_assetIndex.constFind(incoming.key);
    if (found == m_assetIndex.constEnd()) {
        m_assetIndex.insert(incoming.key, qsizetype(m_assets.size()));
        m_assets.push_back({incoming, time});
        return;
    }
    AssetEntry& entry = m_assets[size_t(*found)];
    Asset& a = entry.asset;
    // The newest event's word wins; an older one only fills what is still empty.
    const bool newer = time >= entry.newest;
    auto merge = [newer](QString& field, const QString& value) {
        if (!value.isEmpty() && (newer || field.isEmpty()))
            field = value;
    };
    merge(a.platform, incoming.platform);
    merge(a.name, incoming.name);
    merge(a.description, incoming.description);
    merge(a.owner, incoming.owner);
    merge(a.team, incoming.team);
    merge(a.url, incoming.url);
    if (incoming.kind == AssetKind::View)
        a.kind = AssetKind::View;
    if (!incoming.columns.isEmpty() && (newer || a.columns.isEmpty())) {
        a.columns = incoming.columns;
        a.physicalColumns = true;
    }
    if (newer)
        entry.newest = time;
}

void EventImport::addEdge(const QString& from, const QString& to)
{
    const QString id = from + u'\x1f' + to;
    if (m_edgeSet.contains(id))
        return;
    m_edgeSet.insert(id);
    m_edges.emplace_back(from, to);
}

void EventImport::addObservation(const QString& key, const QString& column, QStringView metricName,
                                 const QDateTime& time, double value, int priority)
{
    const QString id =
        key + u'\x1f' + column + u'\x1f' + metricName + u'\x1f' + QString::number(time.toMSecsSinceEpoch());
    const auto found = m_observationIndex.constFind(id);
    if (found != m_observationIndex.constEnd()) {
        auto& [existing, existingPriority] = m_observations[size_t(*found)];
        if (priority >= existingPriority) {
            existing.value = value;
            existingPriority = priority;
        }
        return;
    }
    Observation o;
    o.assetKey = key;
    o.column = column;
    o.metric = metricName.toString();
    o.at = time;
    o.value = value;
    m_observationIndex.insert(id, qsizetype(m_observations.size()));
    m_observations.emplace_back(std::move(o), priority);
}

QString EventImport::sourceId() const
{
    // Events are incremental: an asset missing from a later file is not gone, so no file may
    // retire another's assets. Each file is its own source (its content names it); the job
    // namespaces make it readable in the snapshot list.
    QStringList namespaces(m_jobNamespaces.cbegin(), m_jobNamespaces.cend());
    namespaces.sort();
    QString names = namespaces.mid(0, 3).join(u',');
    if (namespaces.size() > 3)
        names += QStringLiteral("+%1").arg(namespaces.size() - 3);
    QCryptographicHash hash(QCryptographicHash::Blake2b_256);
    QFile file(m_context.path);
    if (file.open(QIODevice::ReadOnly))
        hash.addData(&file);
    return system() + u':' + names + u'@' + QString::fromLatin1(hash.result().toHex().left(12));
}

void EventImport::finish()
{
    if (m_warnings > kMaxWarnings)
        m_sink.warning(QStringLiteral("%1 more warnings left out").arg(m_warnings - kMaxWarnings));
    m_sink.beginSource(sourceId(), m_newest);
    for (auto& entry : m_assets) {
        if (entry.asset.kind == AssetKind::Job && entry.asset.platform.isEmpty())
            entry.asset.platform = system();
        m_sink.asset(entry.asset);
    }
    for (const auto& [from, to] : m_edges)
        m_sink.edge(from, to);
    // A column's input should be one of the run's input datasets. One that no event of the file
    // names is most likely a producer's mistake (Marquez's seed has "public.menu_item_id"):
    // rather than invent a dataset for it, the edge is left out, unless the input is a warehouse
    // relation that the workspace may know from dbt or the warehouse itself.
    int unknownInputs = 0;
    for (const auto& [edge, relation] : m_columnEdges) {
        if (relation || m_assetIndex.contains(edge.fromKey)) {
            m_sink.columnEdge(edge);
        } else if (++unknownInputs <= 10) {
            m_sink.warning(QStringLiteral("column lineage %1.%2 -> %3.%4 skipped: no event names the dataset %1")
                               .arg(edge.fromKey, edge.fromColumn, edge.toKey, edge.toColumn));
        }
    }
    if (unknownInputs > 10)
        m_sink.warning(
            QStringLiteral("%1 more column lineage edges skipped for unknown datasets").arg(unknownInputs - 10));
    for (const auto& [observation, priority] : m_observations)
        m_sink.observation(observation);
    for (auto& run : m_runs) {
        const auto start = m_runStarts.constFind(run.runId);
        if (!run.runId.isEmpty() && start != m_runStarts.constEnd() && *start <= run.result.at)
            run.result.durationSeconds = double(start->msecsTo(run.result.at)) / 1000.0;
        m_sink.runResult(run.result);
    }
    for (const auto& test : m_tests)
        m_sink.runResult(test);
}

} // namespace sightline::openlineage
