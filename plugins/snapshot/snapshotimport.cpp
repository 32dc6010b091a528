#include "snapshotimport.h"

#include "snapshotschema.h"

#include <QFile>
#include <QRegularExpression>

#include <tuple>

namespace sightline::snapshot {

namespace {

const char* const kHeaderKeys[] = {"format", "version", "source", "captured_at"};
constexpr int kMaxUnknownFieldWarnings = 20;
// The schema allows 65,536 characters per string; anything far beyond is not worth building.
constexpr qint64 kMaxStringBytes = qint64(1) << 20;

// Thrown by the first pass once it has the whole header: nothing after it needs reading.
struct HeaderComplete
{
};

QDateTime parseTime(const QString& text)
{
    static const QRegularExpression re(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const int ms = m.hasCaptured(7) ? m.captured(7).left(3).leftJustified(3, u'0').toInt() : 0;
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return {};
    int offset = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone != QLatin1String("Z")) {
        const QString digits = QString(zone.mid(1)).remove(u':');
        offset = (digits.left(2).toInt() * 3600 + digits.mid(2, 2).toInt() * 60) * (zone[0] == u'-' ? -1 : 1);
    }
    return QDateTime(date, time, Qt::UTC).addSecs(-offset);
}

QString str(const JsonValue& object, const char* field)
{
    const auto it = object.find(field);
    if (it == object.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get_ref<const std::string&>());
}

std::string arrayPointer(const JsonStreamItem& item)
{
    return '/' + std::string(item.topKey) + '/' + std::string(item.memberKey);
}

RunResult::Kind resultKind(const QString& name)
{
    if (name == QLatin1String("test"))
        return RunResult::Kind::Test;
    if (name == QLatin1String("freshness"))
        return RunResult::Kind::Freshness;
    return RunResult::Kind::Run;
}

// Splits "proj.`data set`.table" at dots outside quotes.
QStringList relationParts(const QString& key)
{
    QStringList parts;
    QString current;
    QChar quote;
    for (QChar c : key) {
        if (!quote.isNull()) {
            if (c == quote || (quote == u'[' && c == u']'))
                quote = QChar();
        } else if (c == u'`' || c == u'"' || c == u'[') {
            quote = c;
        } else if (c == u'.') {
            parts.append(current);
            current.clear();
            continue;
        }
        current += c;
    }
    parts.append(current);
    return parts;
}

} // namespace

QString normaliseKey(const QString& key, QString* database, QString* schema)
{
    const QString trimmed = key.trimmed();
    if (trimmed.contains(u':'))
        return trimmed;
    const QStringList parts = relationParts(trimmed);
    if (parts.size() > 3)
        return trimmed.toLower();
    const QString db = parts.size() == 3 ? parts[0] : QString();
    const QString sc = parts.size() >= 2 ? parts[parts.size() - 2] : QString();
    if (database)
        *database = stripIdentifierQuotes(db).toLower();
    if (schema)
        *schema = stripIdentifierQuotes(sc).toLower();
    return relationKey(db, sc, parts.back());
}

SnapshotImport::SnapshotImport(const ImportContext& context, ImportSink& sink)
    : m_context(context)
    , m_sink(sink)
{
    for (const char* key : {"assets", "edges", "column_edges", "observations", "results"})
        m_reader.selectMembers(key);
    m_reader.setMaxStringSize(kMaxStringBytes);
    m_reader.setProgress([this](qint64 done) { m_context.reportProgress(done); });
    m_reader.setCancelled([this] { return m_context.cancelled && m_context.cancelled(); });
    m_reader.setSectionEnd([this](std::string_view key) { onSectionEnd(key); });
}

void SnapshotImport::run()
{
    readHeader();
    m_reader.readFile(m_context.path, [this](JsonStreamItem& item) { onItem(item); });
    m_assetsDone = true;
    flushPending();
    if (!m_sourceBegun) {
        // An empty snapshot is far more often a failed export than an empty system: it would
        // retire every asset of the source, so it is refused with a warning instead.
        m_sink.warning(QStringLiteral("%1: the snapshot of %2 contains nothing; nothing imported, nothing retired")
                           .arg(m_context.path, m_source));
    }
}

void SnapshotImport::ensureSource()
{
    if (m_sourceBegun)
        return;
    m_sourceBegun = true;
    m_sink.beginSource(m_source, m_capturedAt);
}

void SnapshotImport::fail(qint64 offset, const QString& reason) const
{
    throw m_reader.errorAt(offset, reason);
}

void SnapshotImport::readHeader()
{
    JsonStreamReader header;
    for (const char* key : kHeaderKeys)
        header.selectWhole(key);
    header.setMaxStringSize(kMaxStringBytes);
    header.setCancelled([this] { return m_context.cancelled && m_context.cancelled(); });
    try {
        header.readFile(m_context.path, [this](JsonStreamItem& item) {
            const std::string key(item.topKey);
            m_headerOffsets[key] = item.offset;
            m_header[key] = std::move(item.value);
            if (m_header.size() == std::size(kHeaderKeys))
                throw HeaderComplete();
        });
    } catch (const HeaderComplete&) {
    }

    // The format first: a document that is not a snapshot should say so, not list what it lacks.
    JsonValue head = JsonValue::object();
    for (auto& [key, value] : m_header)
        head[key] = value;
    const Schema& schema = Schema::instance();
    QStringList errors;
    if (!head.contains("format"))
        throw ImportError(m_context.path, QStringLiteral("(document): \"format\": \"sightline-snapshot\" is required"),
                          1, 1);
    schema.validate(head["format"], "/properties/format", "/format", errors);
    if (errors.isEmpty())
        schema.validate(head, "", "", errors);
    if (errors.isEmpty()) {
        const QString captured = QString::fromStdString(head["captured_at"].get<std::string>());
        if (!parseTime(captured).isValid())
            errors.append(QStringLiteral("/captured_at: not an ISO 8601 date-time: \"%1\"").arg(captured));
    }
    if (!errors.isEmpty()) {
        const std::string pointer = errors.first().section(u'/', 1, 1).section(u':', 0, 0).toStdString();
        const auto offset = m_headerOffsets.find(pointer);
        qint64 line = 1;
        qint64 column = 1;
        if (offset != m_headerOffsets.end()) {
            // The first pass's mapping is gone: read the file up to the member again.
            QFile file(m_context.path);
            if (file.open(QIODevice::ReadOnly))
                std::tie(line, column) = JsonStreamReader::lineColumn(file.read(offset->second + 1), offset->second);
        }
        throw ImportError(m_context.path, errors.first(), line, column);
    }
    m_source = QString::fromStdString(head["source"].get<std::string>());
    m_capturedAt = parseTime(QString::fromStdString(head["captured_at"].get<std::string>()));
}

void SnapshotImport::onSectionEnd(std::string_view key)
{
    if (key == "assets") {
        m_assetsDone = true;
        flushPending();
    }
}

void SnapshotImport::onItem(JsonStreamItem& item)
{
    const std::string top(item.topKey);
    if (item.container != JsonStreamItem::Container::Array) {
        // Every section is an array; an object's members (or a scalar) arrive here instead.
        const JsonValue& shown = item.container == JsonStreamItem::Container::Object ? JsonValue::object() : item.value;
        QStringList errors;
        Schema::instance().validate(shown, "/properties/" + top, '/' + top, errors);
        fail(item.offset, errors.value(0, QStringLiteral("/%1: expected an array").arg(QString::fromStdString(top))));
    }
    const std::string pointer = arrayPointer(item);
    static const std::map<std::string, std::string> defs = {{"assets", "/$defs/asset"},
                                                            {"edges", "/$defs/edge"},
                                                            {"column_edges", "/$defs/column_edge"},
                                                            {"observations", "/$defs/observation"},
                                                            {"results", "/$defs/result"}};
    QStringList errors;
    std::vector<std::string> unknown;
    Schema::instance().validate(item.value, defs.at(top), pointer, errors, &unknown);
    if (!errors.isEmpty())
        fail(item.offset, errors.first());
    warnUnknown(unknown);

    if (top == "assets")
        readAsset(item.value);
    else if (top == "edges")
        readEdge(item.value);
    else if (top == "column_edges")
        readColumnEdge(item.value);
    else if (top == "observations")
        readObservation(item.value, pointer, item.offset);
    else
        readResult(item.value, pointer, item.offset);
}

void SnapshotImport::warnUnknown(const std::vector<std::string>& unknown)
{
    for (const auto& pointer : unknown) {
        // One warning per field and place, not per element: "/assets/*/columns/*/nullable".
        const QString p = QString::fromStdString(pointer);
        static const QRegularExpression index(QStringLiteral("/\\d+(?=/|$)"));
        const QString pattern = QString(p).replace(index, QStringLiteral("/*"));
        if (m_warnedFields.size() >= kMaxUnknownFieldWarnings || m_warnedFields.contains(pattern))
            continue;
        m_warnedFields.insert(pattern);
        m_sink.warning(p + QStringLiteral(": unknown field, ignored"));
    }
}

QDateTime SnapshotImport::time(const JsonValue& object, const char* field, const std::string& pointer,
                               qint64 offset) const
{
    const QString text = str(object, field);
    const QDateTime t = parseTime(text);
    if (!t.isValid()) {
        fail(offset,
             QStringLiteral("%1/%2: not an ISO 8601 date-time: \"%3\"")
                 .arg(QString::fromStdString(pointer), QLatin1String(field), text));
    }
    return t;
}

void SnapshotImport::readAsset(const JsonValue& v)
{
    Asset a;
    a.key = normaliseKey(str(v, "key"), &a.database, &a.schema);
    a.kind = kindFromName(str(v, "kind")).value_or(AssetKind::Table);
    a.platform = str(v, "platform").toLower();
    a.name = str(v, "name");
    a.description = str(v, "description");
    a.owner = str(v, "owner");
    a.team = str(v, "team");
    a.channel = str(v, "channel");
    a.url = str(v, "url");
    if (const auto tags = v.find("tags"); tags != v.end()) {
        for (const auto& tag : *tags)
            a.tags.append(QString::fromStdString(tag.get<std::string>()));
    }
    if (const auto columns = v.find("columns"); columns != v.end()) {
        int ordinal = 0;
        for (const auto& c : *columns)
            a.columns.append(Column {str(c, "name"), str(c, "type"), ++ordinal, str(c, "description")});
    }
    if (const auto physical = v.find("physical_columns"); physical != v.end())
        a.physicalColumns = physical->get<bool>();
    if (a.name.isEmpty())
        a.name = a.key.section(u'.', -1);
    // The system that reported it is the source's ("bigquery" of "bigquery:acme-prod").
    a.systems = {m_source.section(u':', 0, 0).toLower()};
    ensureSource();
    m_sink.asset(a);
    if (const auto aliases = v.find("aliases"); aliases != v.end()) {
        for (const auto& alias : *aliases)
            m_sink.assetAlias(normaliseKey(QString::fromStdString(alias.get<std::string>())), a.key);
    }
}

void SnapshotImport::readEdge(const JsonValue& v)
{
    Edge e {normaliseKey(str(v, "from")), normaliseKey(str(v, "to"))};
    ensureSource();
    if (m_assetsDone)
        m_sink.edge(e.from, e.to);
    else
        m_pendingEdges.push_back(std::move(e));
}

void SnapshotImport::readColumnEdge(const JsonValue& v)
{
    ColumnEdge e {normaliseKey(str(v, "from")), str(v, "from_column"), normaliseKey(str(v, "to")), str(v, "to_column"),
                  str(v, "transformation")};
    ensureSource();
    if (m_assetsDone)
        m_sink.columnEdge(e);
    else
        m_pendingColumnEdges.push_back(std::move(e));
}

void SnapshotImport::readObservation(const JsonValue& v, const std::string& pointer, qint64 offset)
{
    Observation o;
    o.assetKey = normaliseKey(str(v, "asset"));
    o.column = str(v, "column");
    o.metric = str(v, "metric");
    o.at = time(v, "at", pointer, offset);
    o.value = v.at("value").get<double>();
    ensureSource();
    if (m_assetsDone)
        m_sink.observation(o);
    else
        m_pendingObservations.push_back(std::move(o));
}

void SnapshotImport::readResult(const JsonValue& v, const std::string& pointer, qint64 offset)
{
    RunResult r;
    r.assetKey = normaliseKey(str(v, "asset"));
    r.kind = resultKind(str(v, "kind"));
    r.name = str(v, "name");
    r.column = str(v, "column");
    r.status = str(v, "status");
    r.at = time(v, "at", pointer, offset);
    if (const auto d = v.find("duration_seconds"); d != v.end())
        r.durationSeconds = d->get<double>();
    r.message = str(v, "message");
    ensureSource();
    if (m_assetsDone)
        m_sink.runResult(r);
    else
        m_pendingResults.push_back(std::move(r));
}

void SnapshotImport::flushPending()
{
    for (const auto& e : m_pendingEdges)
        m_sink.edge(e.from, e.to);
    for (const auto& e : m_pendingColumnEdges)
        m_sink.columnEdge(e);
    for (const auto& o : m_pendingObservations)
        m_sink.observation(o);
    for (const auto& r : m_pendingResults)
        m_sink.runResult(r);
    m_pendingEdges.clear();
    m_pendingColumnEdges.clear();
    m_pendingObservations.clear();
    m_pendingResults.clear();
}

} // namespace sightline::snapshot
