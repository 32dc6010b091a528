#include "lookerimport.h"

#include "lookerjson.h"
#include "lookerrefs.h"

#include <QFile>
#include <QStringList>

#include <algorithm>

namespace sightline::looker {

namespace {

constexpr qint64 kMaxFileSize = qint64(256) << 20; // API responses: kilobytes each
const QString kViewCount = QStringLiteral("view_count");

QString where(const std::string& pointer)
{
    return pointer.empty() ? QStringLiteral("(response)") : QString::fromStdString(pointer);
}

QString typeName(const JsonValue& v)
{
    const char* name = v.type_name();
    const bool vowel = name[0] == 'a' || name[0] == 'o';
    return QLatin1String(vowel ? "an " : "a ") + QLatin1String(name);
}

bool isTrue(const JsonValue& object, const char* field)
{
    const auto it = object.find(field);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

} // namespace

LookerImport::LookerImport(const ImportContext& context, ImportSink& sink)
    : m_context(context)
    , m_sink(sink)
{
}

void LookerImport::run()
{
    QFile file(m_context.path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(m_context.path, file.errorString());
    if (file.size() > kMaxFileSize)
        throw ImportError(m_context.path, QStringLiteral("larger than 256 MiB: save fewer Looker responses per file"));
    const QByteArray data = file.readAll();
    const JsonValue root = parseBounded(data, m_context.path);
    m_context.reportProgress(data.size());
    if (root.is_array()) {
        if (root.empty())
            m_sink.warning(QStringLiteral("%1: an empty array, no Looker responses").arg(m_context.path));
        for (std::size_t i = 0; i < root.size(); ++i) {
            m_context.checkCancelled();
            readResponse(root[i], '/' + std::to_string(i));
        }
    } else if (root.is_object()) {
        readResponse(root, {});
    } else {
        throw ImportError(m_context.path,
                          QStringLiteral("expected a Looker API response (an object) or an array of them, found ")
                              + typeName(root));
    }
    write();
}

void LookerImport::fail(const std::string& pointer, const QString& reason) const
{
    throw ImportError(m_context.path, where(pointer) + QStringLiteral(": ") + reason);
}

QString LookerImport::string(const JsonValue& object, const char* field, const std::string& pointer) const
{
    const auto it = object.find(field);
    if (it == object.end() || it->is_null())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get_ref<const std::string&>());
    if (it->is_number_integer() || it->is_number_unsigned())
        return QString::fromStdString(it->dump()); // ids were numbers before API 4.0
    fail(pointer + '/' + field, QStringLiteral("expected a string, found ") + typeName(*it));
}

QString LookerImport::id(const JsonValue& object, const char* field, const std::string& pointer) const
{
    return string(object, field, pointer).trimmed();
}

const JsonValue* LookerImport::object(const JsonValue& object, const char* field, const std::string& pointer) const
{
    const auto it = object.find(field);
    if (it == object.end() || it->is_null())
        return nullptr;
    if (!it->is_object())
        fail(pointer + '/' + field, QStringLiteral("expected an object, found ") + typeName(*it));
    return &*it;
}

void LookerImport::readResponse(const JsonValue& r, const std::string& pointer)
{
    if (!r.is_object()) {
        m_sink.warning(where(pointer) + QStringLiteral(": expected a Looker API response, found ") + typeName(r)
                       + QStringLiteral(" (skipped)"));
        return;
    }
    if (const JsonValue* capture = object(r, "sightline_capture", pointer)) {
        readCapture(*capture, pointer + "/sightline_capture");
        return;
    }
    ++m_responses;
    findHost(r, 0);
    if (r.contains("dashboard_elements"))
        readDashboard(r, pointer);
    else if (r.contains("sql_table_name") || (r.contains("model_name") && r.contains("joins")))
        readExplore(r, pointer);
    else if ((r.contains("query") || r.contains("query_id")) && !r.contains("dashboard_id")) // not a lone tile
        readLook(r, pointer);
    else if (r.contains("email") || r.contains("display_name"))
        readUser(r, pointer);
    else if (r.contains("message") && r.contains("documentation_url"))
        m_sink.warning(where(pointer)
                       + QStringLiteral(": a saved API error (\"%1\"), skipped").arg(string(r, "message", pointer)));
    else
        m_sink.warning(where(pointer) + QStringLiteral(": not a Looker dashboard, look, explore or user (skipped)"));
}

// The collector's own record: when it ran and against which instance. Both beat what the
// responses suggest (their newest activity time, the host of some URL in them).
void LookerImport::readCapture(const JsonValue& capture, const std::string& pointer)
{
    const QString at = string(capture, "captured_at", pointer);
    m_captureTime = parseLookerTime(at);
    if (!at.isEmpty() && !m_captureTime.isValid())
        fail(pointer + "/captured_at", QStringLiteral("not an ISO 8601 date-time: \"%1\"").arg(at));
    const QString host = hostOfUrl(string(capture, "base_url", pointer));
    if (!host.isEmpty())
        m_captureHost = host;
}

void LookerImport::noteTime(const JsonValue& r, const char* field)
{
    const auto it = r.find(field);
    if (it == r.end() || !it->is_string())
        return;
    const QDateTime t = parseLookerTime(QString::fromStdString(it->get_ref<const std::string&>()));
    if (t.isValid() && (!m_capturedAt.isValid() || t > m_capturedAt))
        m_capturedAt = t;
}

void LookerImport::findHost(const JsonValue& v, int depth)
{
    if (!m_host.isEmpty() || depth > 6)
        return;
    if (v.is_array()) {
        for (const auto& e : v)
            findHost(e, depth + 1);
        return;
    }
    if (!v.is_object())
        return;
    for (const auto& [key, value] : v.items()) {
        if (value.is_string() && key.size() >= 3 && key.compare(key.size() - 3, 3, "url") == 0) {
            m_host = hostOfUrl(QString::fromStdString(value.get_ref<const std::string&>()));
            if (!m_host.isEmpty())
                return;
        } else if (value.is_structured()) {
            findHost(value, depth + 1);
        }
    }
}

void LookerImport::readCommon(const JsonValue& r, const std::string& pointer, Content& c)
{
    Asset& a = c.asset;
    a.platform = QStringLiteral("looker");
    a.name = string(r, "title", pointer);
    a.description = string(r, "description", pointer);
    a.url = string(r, "url", pointer);
    // Folders become tags ("folder:Sales"): the folder is how Looker users find content.
    const JsonValue* folder = object(r, "folder", pointer);
    if (!folder)
        folder = object(r, "space", pointer); // the name before Looker 7
    if (folder) {
        const QString name = string(*folder, "name", pointer + "/folder");
        if (!name.isEmpty())
            a.tags.append(QStringLiteral("folder:") + name);
    }
    c.userId = id(r, "user_id", pointer);
    c.userName = string(r, "user_name", pointer);
    if (const auto v = r.find("view_count"); v != r.end() && !v->is_null()) {
        bool ok = v->is_number();
        double count = ok ? v->get<double>() : 0;
        if (v->is_string())
            count = QString::fromStdString(v->get<std::string>()).toDouble(&ok);
        if (ok)
            c.viewCount = count;
        else
            m_sink.warning(where(pointer) + QStringLiteral("/view_count: not a number (skipped)"));
    }
    for (const char* field : {"updated_at", "last_viewed_at", "last_accessed_at", "created_at"})
        noteTime(r, field);
}

QString LookerImport::exploreKey(const QString& model, const QString& explore, const QString& label)
{
    const QString key = systemKey(u"looker", u"explore", QString(model + QStringLiteral("::") + explore));
    auto [it, added] = m_explores.try_emplace(key);
    if (added) {
        it->second.key = key;
        it->second.kind = AssetKind::Explore;
        it->second.platform = QStringLiteral("looker");
        it->second.name = explore;
        it->second.url = QStringLiteral("/explore/") + model + u'/' + explore;
    }
    if (!label.isEmpty())
        it->second.name = label;
    return key;
}

QString LookerImport::exploreOfQuery(const JsonValue* query, const std::string& pointer)
{
    if (!query)
        return {};
    const QString model = string(*query, "model", pointer);
    const QString view = string(*query, "view", pointer);
    if (model.isEmpty() || view.isEmpty())
        return {};
    return exploreKey(model, view);
}

void LookerImport::readDashboard(const JsonValue& r, const std::string& pointer)
{
    Content c;
    const QString dashboardId = id(r, "id", pointer);
    if (dashboardId.isEmpty()) {
        m_sink.warning(where(pointer) + QStringLiteral(": a dashboard without an id (skipped)"));
        return;
    }
    if (isTrue(r, "deleted")) {
        m_sink.warning(where(pointer) + QStringLiteral(": dashboard %1 is deleted (skipped)").arg(dashboardId));
        return;
    }
    c.asset.key = systemKey(u"looker", u"dashboard", dashboardId);
    c.asset.kind = AssetKind::Dashboard;
    readCommon(r, pointer, c);
    if (c.asset.url.isEmpty())
        c.asset.url = QStringLiteral("/dashboards/") + dashboardId;

    const std::string elementsPointer = pointer + "/dashboard_elements";
    const auto elements = r.find("dashboard_elements");
    if (!elements->is_null() && !elements->is_array())
        fail(elementsPointer, QStringLiteral("expected an array, found ") + typeName(*elements));
    if (elements->is_array()) {
        for (std::size_t i = 0; i < elements->size(); ++i) {
            const JsonValue& e = (*elements)[i];
            const std::string p = elementsPointer + '/' + std::to_string(i);
            if (!e.is_object())
                fail(p, QStringLiteral("expected an object, found ") + typeName(e));
            // A tile's query: its own, else its look's, else its result maker's (merged results).
            const JsonValue* query = object(e, "query", p);
            if (!query) {
                if (const JsonValue* look = object(e, "look", p))
                    query = object(*look, "query", p + "/look");
            }
            if (!query) {
                if (const JsonValue* maker = object(e, "result_maker", p))
                    query = object(*maker, "query", p + "/result_maker");
            }
            const QString explore = exploreOfQuery(query, p + "/query");
            if (!explore.isEmpty() && std::find(c.explores.begin(), c.explores.end(), explore) == c.explores.end())
                c.explores.push_back(explore);
        }
    }
    m_contents.push_back(std::move(c));
}

void LookerImport::readLook(const JsonValue& r, const std::string& pointer)
{
    Content c;
    const QString lookId = id(r, "id", pointer);
    if (lookId.isEmpty()) {
        m_sink.warning(where(pointer) + QStringLiteral(": a look without an id (skipped)"));
        return;
    }
    if (isTrue(r, "deleted")) {
        m_sink.warning(where(pointer) + QStringLiteral(": look %1 is deleted (skipped)").arg(lookId));
        return;
    }
    c.asset.key = systemKey(u"looker", u"look", lookId);
    c.asset.kind = AssetKind::Look;
    readCommon(r, pointer, c);
    if (c.asset.url.isEmpty())
        c.asset.url = QStringLiteral("/looks/") + lookId;
    c.explore = exploreOfQuery(object(r, "query", pointer), pointer + "/query");
    if (c.explore.isEmpty()) {
        // A look saved without its query (fields=...): lineage needs GET /looks/{id} in full.
        m_sink.warning(where(pointer) + QStringLiteral(": look %1 has no query model/view: no lineage").arg(lookId));
    }
    m_contents.push_back(std::move(c));
}

void LookerImport::readExplore(const JsonValue& r, const std::string& pointer)
{
    QString model = string(r, "model_name", pointer);
    QString name = string(r, "name", pointer);
    const QString exploreId = id(r, "id", pointer);
    if ((model.isEmpty() || name.isEmpty()) && exploreId.contains(QStringLiteral("::"))) {
        model = exploreId.section(QStringLiteral("::"), 0, 0);
        name = exploreId.section(QStringLiteral("::"), 1);
    }
    if (model.isEmpty() || name.isEmpty()) {
        m_sink.warning(where(pointer) + QStringLiteral(": an explore without model_name and name (skipped)"));
        return;
    }
    QString label = string(r, "label", pointer);
    if (label.isEmpty())
        label = string(r, "title", pointer);
    const QString key = exploreKey(model, name, label);
    Asset& a = m_explores[key];
    a.description = string(r, "description", pointer);
    if (const auto tags = r.find("tags"); tags != r.end() && tags->is_array()) {
        for (const auto& t : *tags) {
            if (t.is_string())
                a.tags.append(QString::fromStdString(t.get<std::string>()));
        }
    }
    const QString what = model + QStringLiteral("::") + name;
    const QString table = string(r, "sql_table_name", pointer);
    if (!table.isEmpty())
        addTable(table, key, where(pointer) + QStringLiteral("/sql_table_name"));
    else
        m_sink.warning(
            QStringLiteral("%1: explore %2 has no sql_table_name (a derived table): no table lineage for its base view")
                .arg(where(pointer), what));

    const auto joins = r.find("joins");
    if (joins == r.end() || joins->is_null())
        return;
    if (!joins->is_array())
        fail(pointer + "/joins", QStringLiteral("expected an array, found ") + typeName(*joins));
    for (std::size_t i = 0; i < joins->size(); ++i) {
        const JsonValue& j = (*joins)[i];
        const std::string p = pointer + "/joins/" + std::to_string(i);
        if (!j.is_object())
            fail(p, QStringLiteral("expected an object, found ") + typeName(j));
        const QString joined = string(j, "sql_table_name", p);
        if (!joined.isEmpty()) {
            addTable(joined, key, where(p) + QStringLiteral("/sql_table_name"));
        } else {
            m_sink.warning(QStringLiteral("%1: join %2 of explore %3 has no sql_table_name (a derived table): skipped")
                               .arg(where(p), string(j, "name", p), what));
        }
    }
}

void LookerImport::addTable(const QString& sqlTableName, const QString& explore, const QString& what)
{
    TableRef ref;
    QString why;
    if (!parseSqlTableName(sqlTableName, &ref, &why)) {
        m_sink.warning(QStringLiteral("%1: \"%2\": %3 (skipped)").arg(what, sqlTableName.simplified(), why));
        return;
    }
    auto [it, added] = m_tables.try_emplace(ref.key);
    if (added) {
        Asset& t = it->second;
        t.key = ref.key;
        t.kind = AssetKind::Table;
        // Three parts is BigQuery's project.dataset.table; with two, the warehouse is unknown.
        t.platform = ref.database.isEmpty() ? QString() : QStringLiteral("bigquery");
        t.name = ref.identifier;
        t.database = ref.database;
        t.schema = ref.schema;
    }
    if (!m_edgeSeen.contains(ref.key + u'\n' + explore)) {
        m_edgeSeen.insert(ref.key + u'\n' + explore);
        m_edges.push_back({ref.key, explore});
    }
}

void LookerImport::readUser(const JsonValue& r, const std::string& pointer)
{
    const QString userId = id(r, "id", pointer);
    QString owner = string(r, "email", pointer);
    if (owner.isEmpty())
        owner = string(r, "display_name", pointer);
    if (owner.isEmpty()) {
        owner = QStringList {string(r, "first_name", pointer), string(r, "last_name", pointer)}.join(u' ').trimmed();
    }
    if (!userId.isEmpty() && !owner.isEmpty())
        m_owners.insert(userId, owner);
}

void LookerImport::write()
{
    if (m_contents.empty() && m_explores.empty()) {
        // Nothing to report: no source begins, so nothing of the instance is retired by it.
        if (m_responses > 0 && !m_owners.isEmpty()) {
            m_sink.warning(QStringLiteral("%1: only users; owners are resolved within one file, so save users with the "
                                          "dashboards and looks (the collector writes them into one array)")
                               .arg(m_context.path));
        }
        return;
    }
    if (!m_captureHost.isEmpty())
        m_host = m_captureHost;
    if (m_captureTime.isValid())
        m_capturedAt = m_captureTime;
    m_sink.beginSource(QStringLiteral("looker:") + (m_host.isEmpty() ? QStringLiteral("default") : m_host),
                       m_capturedAt);
    const QString base = m_host.isEmpty() ? QString() : QStringLiteral("https://") + m_host;
    const QStringList systems {QStringLiteral("looker")};
    for (auto& [key, table] : m_tables) {
        table.systems = systems;
        m_sink.asset(table);
    }
    for (auto& [key, explore] : m_explores) {
        explore.systems = systems;
        if (!base.isEmpty())
            explore.url = base + explore.url;
        m_sink.asset(explore);
    }
    QStringList unresolved;
    for (auto& c : m_contents) {
        Asset& a = c.asset;
        if (!c.userId.isEmpty()) {
            a.owner = m_owners.value(c.userId, c.userName);
            if (a.owner.isEmpty() && !unresolved.contains(c.userId))
                unresolved.append(c.userId);
        }
        if (a.url.startsWith(u'/') && !base.isEmpty())
            a.url = base + a.url;
        a.systems = systems;
        m_sink.asset(a);
    }
    if (!unresolved.isEmpty()) {
        m_sink.warning(QStringLiteral("%1: no user response for user id %2 in this file: owner left empty")
                           .arg(m_context.path, unresolved.join(QStringLiteral(", "))));
    }
    for (const auto& e : m_edges)
        m_sink.edge(e.from, e.to);
    bool missingTime = false;
    for (const auto& c : m_contents) {
        for (const auto& explore : c.explores)
            m_sink.edge(explore, c.asset.key);
        if (!c.explore.isEmpty())
            m_sink.edge(c.explore, c.asset.key);
        if (c.viewCount >= 0) {
            if (m_capturedAt.isValid())
                m_sink.observation({c.asset.key, {}, kViewCount, m_capturedAt, c.viewCount});
            else
                missingTime = true;
        }
    }
    if (missingTime) {
        m_sink.warning(
            QStringLiteral("%1: no time in the responses (updated_at, last_viewed_at, ...): view counts skipped")
                .arg(m_context.path));
    }
}

} // namespace sightline::looker
