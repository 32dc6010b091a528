#include "bqimport.h"

#include <algorithm>

namespace sightline::bq {

namespace {

// Query results, script temporaries and session tables live in hidden datasets whose names
// start with an underscore ("_8f3a…", "_script72b1…", "_SESSION"): not assets anyone owns.
bool anonymousDataset(const QString& dataset)
{
    return dataset.startsWith(u'_');
}

Asset bigQueryTable(const QString& project, const QString& dataset, const QString& table, AssetKind kind)
{
    Asset a;
    a.key = relationKey(project, dataset, table);
    a.kind = kind;
    a.platform = QStringLiteral("bigquery");
    a.name = table;
    a.database = project;
    a.schema = dataset;
    a.systems = {QStringLiteral("bigquery")};
    return a;
}

QString sourceFor(const QString& project)
{
    return QStringLiteral("bigquery:") + project.toLower();
}

} // namespace

Export exportOfColumns(const std::function<bool(const char*)>& hasKey)
{
    if (hasKey("job_id") && hasKey("creation_time")
        && (hasKey("referenced_tables") || hasKey("destination_table") || hasKey("statement_type")))
        return Export::Jobs;
    if (hasKey("table_schema") && hasKey("table_name") && hasKey("column_name")
        && (hasKey("data_type") || hasKey("ordinal_position")))
        return Export::Columns;
    if (hasKey("table_schema") && hasKey("table_name") && (hasKey("total_rows") || hasKey("total_logical_bytes")))
        return Export::TableStorage;
    if (hasKey("project_id") && hasKey("dataset_id") && hasKey("table_id")
        && (hasKey("row_count") || hasKey("size_bytes") || hasKey("last_modified_time")))
        return Export::Tables;
    return Export::Unknown;
}

Export exportOf(const Row& row)
{
    if (!row.is_object())
        return Export::Unknown;
    return exportOfColumns([&row](const char* key) { return row.contains(key); });
}

QString exportName(Export e)
{
    switch (e) {
    case Export::Tables:
        return QStringLiteral("__TABLES__");
    case Export::TableStorage:
        return QStringLiteral("INFORMATION_SCHEMA.TABLE_STORAGE");
    case Export::Columns:
        return QStringLiteral("INFORMATION_SCHEMA.COLUMNS");
    case Export::Jobs:
        return QStringLiteral("INFORMATION_SCHEMA.JOBS");
    case Export::Unknown:
        break;
    }
    return {};
}

ExportImport::ExportImport(const ImportContext& context, ImportSink& sink)
    : m_context(context)
    , m_sink(sink)
    , m_reader(context)
{
}

void ExportImport::count(Counted& c, qint64 offset)
{
    if (c.count++ == 0)
        c.firstLine = m_reader.errorAt(offset, {}).line();
}

void ExportImport::warnCounted(const Counted& c, const QString& what)
{
    if (c.count > 0)
        m_sink.warning(QStringLiteral("%1 %2 (first at line %3)").arg(c.count).arg(what).arg(c.firstLine));
}

QDateTime ExportImport::fallbackCapture()
{
    // First pass, only for files whose rows carry no captured_at: the newest change the file
    // mentions is the closest thing to when it was captured.
    QDateTime newest;
    auto consider = [&newest](const QDateTime& t) {
        if (t.isValid() && (!newest.isValid() || t > newest))
            newest = t;
    };
    RowReader pass(m_context);
    pass.read([&](const RowView& row, qint64 offset) {
        const Fields f(pass, row, offset);
        switch (m_export) {
        case Export::Tables:
            consider(f.millis("last_modified_time"));
            consider(f.millis("creation_time"));
            break;
        case Export::TableStorage:
            consider(f.timestamp("storage_last_modified_time"));
            consider(f.timestamp("creation_time"));
            break;
        case Export::Jobs:
            consider(f.timestamp("end_time"));
            consider(f.timestamp("creation_time"));
            break;
        case Export::Columns:
        case Export::Unknown:
            break;
        }
    });
    return newest;
}

QDateTime ExportImport::captured(const Fields& f)
{
    if (!f.has("captured_at")) {
        m_fallbackUsed = true;
        return m_fallback;
    }
    // Every row of one capture carries the same text: parse it once.
    const std::string text = f.text("captured_at").toStdString();
    if (text != m_lastCapturedText) {
        m_lastCapturedText = text;
        m_lastCaptured = f.timestamp("captured_at");
    }
    return m_lastCaptured.isValid() ? m_lastCaptured : m_fallback;
}

void ExportImport::useSource(const QString& sourceId, const QDateTime& at)
{
    if (sourceId == m_source)
        return;
    m_source = sourceId;
    m_sink.beginSource(sourceId, at);
}

void ExportImport::observe(const QString& key, const char16_t* metric, const QDateTime& at, std::optional<double> value)
{
    if (!value)
        return;
    if (!at.isValid()) {
        ++m_noTime.count;
        return;
    }
    Observation o;
    o.assetKey = key;
    o.metric = QString::fromUtf16(metric);
    o.at = at;
    o.value = *value;
    m_sink.observation(o);
}

void ExportImport::run()
{
    bool first = true;
    m_reader.read([this, &first](const RowView& view, qint64 offset) {
        if (first) {
            const Row& row = *view.json;
            first = false;
            m_export = exportOf(row);
            if (m_export == Export::Unknown) {
                QStringList columns;
                for (auto it = row.begin(); it != row.end() && columns.size() < 12; ++it)
                    columns.append(QString::fromStdString(it.key()));
                throw m_reader.errorAt(offset,
                                       QStringLiteral("not a BigQuery metadata export: the first row's columns "
                                                      "(%1) match none of __TABLES__, TABLE_STORAGE, COLUMNS, JOBS")
                                           .arg(columns.join(QStringLiteral(", "))));
            }
            if (!row.contains("captured_at"))
                m_fallback = fallbackCapture();
        }
        if (view.json && !view.json->is_object())
            throw m_reader.errorAt(offset, QStringLiteral("expected a row (a JSON object)"));
        const Fields f(m_reader, view, offset);
        switch (m_export) {
        case Export::Tables:
            tableRow(f, offset);
            break;
        case Export::TableStorage:
            storageRow(f, offset);
            break;
        case Export::Columns:
            columnRow(f, offset);
            break;
        case Export::Jobs:
            jobRow(f, offset);
            break;
        case Export::Unknown:
            break;
        }
    });
    if (first)
        throw ImportError(m_context.path, QStringLiteral("the export has no rows"));
    if (m_export == Export::Columns)
        finishColumns();
    if (m_export == Export::Jobs)
        finishJobs();

    warnCounted(m_missingKey, QStringLiteral("rows skipped: no project, dataset or table name"));
    warnCounted(m_anonymous,
                QStringLiteral("tables in anonymous or temporary datasets (names starting with '_') "
                               "skipped"));
    warnCounted(m_badNumber, QStringLiteral("values skipped: not a number"));
    warnCounted(m_deleted, QStringLiteral("deleted tables skipped"));
    warnCounted(m_notDone, QStringLiteral("jobs skipped: not DONE"));
    warnCounted(m_noDestination, QStringLiteral("jobs without a destination table give no lineage"));
    if (m_noTime.count > 0)
        m_sink.warning(QStringLiteral("%1 measurements skipped: the file gives no capture time").arg(m_noTime.count));
    if (m_fallbackUsed && m_fallback.isValid()) {
        m_sink.warning(QStringLiteral("rows carry no captured_at; using the newest time in the file (%1) as the "
                                      "capture time")
                           .arg(m_fallback.toString(Qt::ISODate)));
    }
}

void ExportImport::tableRow(const Fields& f, qint64 offset)
{
    const QString project = f.text("project_id");
    const QString dataset = f.text("dataset_id");
    const QString table = f.text("table_id");
    if (project.isEmpty() || dataset.isEmpty() || table.isEmpty())
        return count(m_missingKey, offset);
    if (anonymousDataset(dataset))
        return count(m_anonymous, offset);
    // __TABLES__.type: 1 table, 2 view, 3 external table.
    const QString type = f.text("type");
    const bool view = type == u"2";
    const bool external = type == u"3";
    const QDateTime at = captured(f);
    useSource(sourceFor(project), at);
    const Asset a = bigQueryTable(project, dataset, table, view ? AssetKind::View : AssetKind::Table);
    m_sink.asset(a);
    bool bad = false;
    // Views and external tables report 0 rows and 0 bytes: not a volume worth a history.
    if (!view && !external) {
        observe(a.key, metric::RowCount, at, f.number("row_count", &bad));
        observe(a.key, metric::SizeBytes, at, f.number("size_bytes", &bad));
    }
    const QDateTime modified = f.millis("last_modified_time");
    if (modified.isValid())
        observe(a.key, metric::LastModified, at, double(modified.toMSecsSinceEpoch()));
    if (bad)
        count(m_badNumber, offset);
}

void ExportImport::storageRow(const Fields& f, qint64 offset)
{
    QString project = f.text("project_id");
    if (project.isEmpty())
        project = f.text("table_catalog");
    const QString dataset = f.text("table_schema");
    const QString table = f.text("table_name");
    if (project.isEmpty() || dataset.isEmpty() || table.isEmpty())
        return count(m_missingKey, offset);
    if (anonymousDataset(dataset))
        return count(m_anonymous, offset);
    // Dropped tables stay in TABLE_STORAGE through the time-travel window, flagged deleted.
    if (f.text("deleted").compare(u"true", Qt::CaseInsensitive) == 0)
        return count(m_deleted, offset);
    const bool view = f.text("table_type").contains(u"VIEW", Qt::CaseInsensitive);
    const QDateTime at = captured(f);
    useSource(sourceFor(project), at);
    const Asset a = bigQueryTable(project, dataset, table, view ? AssetKind::View : AssetKind::Table);
    m_sink.asset(a);
    bool bad = false;
    observe(a.key, metric::RowCount, at, f.number("total_rows", &bad));
    observe(a.key, metric::SizeBytes, at, f.number("total_logical_bytes", &bad));
    const QDateTime modified = f.timestamp("storage_last_modified_time");
    if (modified.isValid())
        observe(a.key, metric::LastModified, at, double(modified.toMSecsSinceEpoch()));
    if (bad)
        count(m_badNumber, offset);
}

void ExportImport::columnRow(const Fields& f, qint64 offset)
{
    const QString project = f.text("table_catalog");
    const QString dataset = f.text("table_schema");
    const QString table = f.text("table_name");
    const QString column = f.text("column_name");
    if (project.isEmpty() || dataset.isEmpty() || table.isEmpty() || column.isEmpty())
        return count(m_missingKey, offset);
    if (anonymousDataset(dataset))
        return count(m_anonymous, offset);
    const QDateTime at = captured(f);
    useSource(sourceFor(project), at);
    // A table's columns come in several rows: gathered per table, reported at the end (the
    // export holds one row per column, so this is bounded by the file).
    const QString key = relationKey(project, dataset, table);
    auto it = m_columns.find(key);
    if (it == m_columns.end()) {
        it = m_columns
                 .emplace(key, ColumnsOf {sourceFor(project), bigQueryTable(project, dataset, table, AssetKind::Table)})
                 .first;
        it->second.asset.physicalColumns = true;
    }
    Column c;
    c.name = column;
    c.type = f.text("data_type");
    bool bad = false;
    c.ordinal = int(f.number("ordinal_position", &bad).value_or(double(it->second.asset.columns.size() + 1)));
    if (bad)
        count(m_badNumber, offset);
    it->second.asset.columns.append(c);
}

void ExportImport::finishColumns()
{
    for (auto& [key, columnsOf] : m_columns) {
        useSource(columnsOf.source, m_lastCaptured.isValid() ? m_lastCaptured : m_fallback);
        auto& columns = columnsOf.asset.columns;
        std::stable_sort(columns.begin(), columns.end(),
                         [](const Column& a, const Column& b) { return a.ordinal < b.ordinal; });
        m_sink.asset(columnsOf.asset);
    }
    m_columns.clear();
}

bool ExportImport::jobTable(const Fields& f, const Row& ref, QString* key)
{
    if (!ref.is_object())
        f.fail(QStringLiteral("a table reference is not an object"));
    auto part = [&f, &ref](const char* name) -> QString {
        const auto it = ref.find(name);
        if (it == ref.end() || it->is_null())
            return {};
        if (!it->is_string())
            f.fail(QStringLiteral("table reference %1: expected a string").arg(QLatin1String(name)));
        return QString::fromStdString(it->get_ref<const std::string&>());
    };
    const QString project = part("project_id");
    const QString dataset = part("dataset_id");
    const QString table = part("table_id");
    if (project.isEmpty() || dataset.isEmpty() || table.isEmpty() || anonymousDataset(dataset))
        return false;
    *key = relationKey(project, dataset, table);
    if (!m_jobAssets.contains(*key)) {
        m_jobAssets.insert(*key);
        m_sink.asset(bigQueryTable(project, dataset, table, AssetKind::Table));
    }
    return true;
}

void ExportImport::jobRow(const Fields& f, qint64 offset)
{
    const QString jobId = f.text("job_id");
    const QDateTime created = f.timestamp("creation_time");
    const QDateTime ended = f.timestamp("end_time");
    if (m_jobsSource.isEmpty()) {
        QString project = f.text("project_id");
        if (project.isEmpty()) {
            if (const Row* dest = f.object("destination_table");
                dest && dest->contains("project_id") && (*dest)["project_id"].is_string())
                project = QString::fromStdString((*dest)["project_id"].get<std::string>());
        }
        const QString window = f.has("captured_at") ? f.text("captured_at") : jobId;
        m_jobsSource = QStringLiteral("bigquery-jobs:%1:%2").arg(project.toLower(), window);
        useSource(m_jobsSource, captured(f));
    }
    if (f.text("state").compare(u"DONE", Qt::CaseInsensitive) != 0 && f.has("state"))
        return count(m_notDone, offset);
    const Row* dest = f.object("destination_table");
    const Row* refs = f.array("referenced_tables");
    const Row* error = f.object("error_result");
    const bool failed = error && !error->empty();
    QString destKey;
    if (!dest)
        return count(m_noDestination, offset);
    if (failed) {
        // A failed job wrote nothing: no lineage, and its destination may never have existed.
        // Its result is kept for a table some other source reports.
        const auto part = [dest](const char* name) {
            const auto it = dest->find(name);
            return it != dest->end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
        };
        if (anonymousDataset(part("dataset_id")))
            return count(m_anonymous, offset);
        RunResult r;
        r.assetKey = relationKey(part("project_id"), part("dataset_id"), part("table_id"));
        r.kind = RunResult::Kind::Run;
        r.name = jobId;
        r.status = QStringLiteral("error");
        r.at = ended.isValid() ? ended : created;
        if (ended.isValid() && created.isValid())
            r.durationSeconds = created.msecsTo(ended) / 1000.0;
        const auto message = error->find("message");
        const auto reason = error->find("reason");
        if (message != error->end() && message->is_string())
            r.message = QString::fromStdString(message->get<std::string>());
        else if (reason != error->end() && reason->is_string())
            r.message = QString::fromStdString(reason->get<std::string>());
        m_failedRuns.append(r);
        return;
    }
    if (!jobTable(f, *dest, &destKey))
        return count(m_anonymous, offset);
    if (refs) {
        for (const auto& ref : *refs) {
            QString refKey;
            if (!jobTable(f, ref, &refKey))
                continue;
            // A MERGE reads and writes one table: the self-loop is kept, the graph draws it.
            const QString pair = refKey + u'\n' + destKey;
            if (!m_jobEdges.contains(pair)) {
                m_jobEdges.insert(pair);
                m_sink.edge(refKey, destKey);
            }
        }
    }
    RunResult r;
    r.assetKey = destKey;
    r.kind = RunResult::Kind::Run;
    r.name = jobId;
    r.status = QStringLiteral("success");
    r.at = ended.isValid() ? ended : created;
    if (ended.isValid() && created.isValid())
        r.durationSeconds = created.msecsTo(ended) / 1000.0;
    const QString statement = f.text("statement_type");
    const QString user = f.text("user_email");
    if (!statement.isEmpty() || !user.isEmpty())
        r.message = user.isEmpty() ? statement : QString(statement + QStringLiteral(" by ") + user).trimmed();
    if (r.at.isValid())
        m_sink.runResult(r);
    bool bad = false;
    observe(destKey, metric::BytesProcessed, r.at, f.number("total_bytes_processed", &bad));
    if (bad)
        count(m_badNumber, offset);
}

void ExportImport::finishJobs()
{
    for (const auto& r : std::as_const(m_failedRuns)) {
        if (r.at.isValid())
            m_sink.runResult(r);
    }
    m_failedRuns.clear();
}

} // namespace sightline::bq
