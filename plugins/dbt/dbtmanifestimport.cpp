#include "dbtmanifestimport.h"

#include <QCryptographicHash>

#include <algorithm>

namespace sightline::dbt {

namespace {
std::string memberPointer(const JsonStreamItem& item)
{
    std::string p = "/" + pointerToken(item.topKey);
    if (item.container != JsonStreamItem::Container::None) {
        p += '/';
        p += pointerToken(item.memberKey);
    }
    return p;
}
} // namespace

ManifestImport::ManifestImport(const ImportContext& context, ImportSink& sink)
    : m_context(context)
    , m_sink(sink)
{
    m_reader.selectWhole("metadata");
    // dbt names every node "<resource_type>.<package>.<name>": only models, seeds and snapshots
    // are assets, so tests, analyses and operations are never parsed.
    m_reader.selectMembers("nodes", nodeFields(), [](std::string_view id) {
        return id.starts_with("model.") || id.starts_with("seed.") || id.starts_with("snapshot.");
    });
    m_reader.selectMembers("sources", nodeFields());
    m_reader.selectMembers("exposures");
    m_reader.selectMembers("groups");
    m_reader.selectMembers("parent_map");
    m_reader.setProgress([this](qint64 done) { m_context.reportProgress(done); });
    m_reader.setCancelled([this] { return m_context.cancelled && m_context.cancelled(); });
    m_reader.setSectionEnd([this](std::string_view key) {
        if (key == "groups") {
            m_groupsSeen = true;
            if (m_sourceStarted) {
                for (auto& p : m_pending)
                    write(p);
                m_pending.clear();
            }
        }
    });
}

void ManifestImport::run()
{
    m_reader.readFile(m_context.path, [this](JsonStreamItem& item) { onItem(item); });
    finish();
}

void ManifestImport::onItem(JsonStreamItem& item)
{
    const std::string_view key = item.topKey;
    if (key == "metadata")
        readMetadata(item.value, item.offset);
    else if (key == "nodes" || key == "sources")
        readEntry(item, false);
    else if (key == "exposures")
        readEntry(item, true);
    else if (key == "groups")
        readGroup(item);
    else if (key == "parent_map")
        readParents(item);
}

bool ManifestImport::expectMember(const JsonStreamItem& item)
{
    if (item.container == JsonStreamItem::Container::Object)
        return true;
    if (item.container == JsonStreamItem::Container::None && item.value.is_null())
        return false;
    const Fields f(m_reader, m_sink, "/" + pointerToken(item.topKey), item.offset);
    f.fail({},
           item.container == JsonStreamItem::Container::Array ? QStringLiteral("expected an object, found an array")
                                                              : Fields::found("an object", item.value));
}

void ManifestImport::readMetadata(const JsonValue& metadata, qint64 offset)
{
    const Fields f(m_reader, m_sink, "/metadata", offset);
    if (!metadata.is_object())
        f.fail({}, Fields::found("an object", metadata));
    const QString version = f.string(metadata, "dbt_schema_version");
    if (!version.contains(QLatin1String("/manifest/")))
        f.fail("dbt_schema_version", QStringLiteral("not a dbt manifest (\"%1\")").arg(version));
    const QString generated = f.string(metadata, "generated_at");
    m_capturedAt = parseIsoTime(generated);
    if (!generated.isEmpty() && !m_capturedAt.isValid())
        f.warn("generated_at", QStringLiteral("not an ISO 8601 time: \"%1\"").arg(generated));
    m_platform = f.string(metadata, "adapter_type").toLower();
    m_projectId = f.string(metadata, "project_id").toStdString();
    const QString project = f.string(metadata, "project_name");
    if (!project.isEmpty() && !m_sourceStarted)
        startSource(project);
}

void ManifestImport::readEntry(JsonStreamItem& item, bool exposure)
{
    if (!expectMember(item))
        return;
    const Fields f(m_reader, m_sink, memberPointer(item), item.offset);
    const std::string_view uniqueId = item.memberKey;
    NodeResult r =
        exposure ? convertExposure(item.value, uniqueId, f) : convertNode(item.value, uniqueId, m_platform, f);
    if (!exposure)
        noteProject(r.package, r.isModel);
    add(std::move(r), std::string(uniqueId));
}

void ManifestImport::readGroup(JsonStreamItem& item)
{
    if (!expectMember(item))
        return;
    const Fields f(m_reader, m_sink, memberPointer(item), item.offset);
    QString name;
    const QString owner = groupOwner(item.value, &name, f);
    if (!name.isEmpty() && !owner.isEmpty())
        m_groupOwners.insert(name, owner);
}

void ManifestImport::readParents(JsonStreamItem& item)
{
    if (!expectMember(item))
        return;
    const Fields f(m_reader, m_sink, memberPointer(item), item.offset);
    if (!item.value.is_array())
        f.fail({}, Fields::found("an array", item.value));
    std::vector<std::string> parents;
    parents.reserve(item.value.size());
    for (auto& v : item.value) {
        if (!v.is_string())
            f.fail({}, Fields::found("a list of unique ids", v));
        parents.push_back(std::move(v.get_ref<std::string&>()));
    }
    m_hasParentMap = true;
    m_parentMap.emplace_back(std::string(item.memberKey), std::move(parents));
}

void ManifestImport::noteProject(const std::string& package, bool isModel)
{
    if (package.empty())
        return;
    if (isModel)
        ++m_modelPackages[package];
    ++m_anyPackages[package];
    // dbt's project_id is the MD5 of the project's name: the package with that hash is the
    // project the manifest was built for, even when metadata.project_name is missing (dbt < 1.6).
    if (!m_sourceStarted && !m_projectId.empty() && m_packagesChecked.insert(package).second) {
        const QByteArray hash = QCryptographicHash::hash(QByteArray::fromStdString(package), QCryptographicHash::Md5);
        if (hash.toHex() == QByteArray::fromStdString(m_projectId))
            startSource(QString::fromStdString(package));
    }
}

void ManifestImport::startSource(const QString& project)
{
    m_projectName = project;
    m_sink.beginSource(QStringLiteral("dbt:") + project, m_capturedAt);
    m_sourceStarted = true;
    std::vector<Pending> waiting;
    for (auto& p : m_pending) {
        if (p.group.isEmpty() || !p.asset.owner.isEmpty() || m_groupsSeen)
            write(p);
        else
            waiting.push_back(std::move(p));
    }
    m_pending = std::move(waiting);
}

void ManifestImport::add(NodeResult&& node, const std::string& uniqueId)
{
    if (!node.isAsset)
        return;
    m_keys.emplace(uniqueId, node.asset.key);
    if (!node.dependsOn.empty())
        m_dependsOn.emplace_back(uniqueId, std::move(node.dependsOn));
    Pending p {std::move(node.asset), std::move(node.group)};
    if (m_sourceStarted && (p.group.isEmpty() || !p.asset.owner.isEmpty() || m_groupsSeen))
        write(p);
    else
        m_pending.push_back(std::move(p));
}

void ManifestImport::write(Pending& pending)
{
    Asset& a = pending.asset;
    if (a.owner.isEmpty() && !pending.group.isEmpty())
        a.owner = m_groupOwners.value(pending.group);
    if (a.platform.isEmpty())
        a.platform = m_platform;
    m_sink.asset(a);
}

void ManifestImport::finish()
{
    if (!m_sourceStarted) {
        // No project name and no package matching project_id: the package most models carry.
        const auto& counts = m_modelPackages.empty() ? m_anyPackages : m_modelPackages;
        std::string best;
        int bestCount = 0;
        for (const auto& [package, count] : counts) {
            if (count > bestCount || (count == bestCount && package < best)) {
                best = package;
                bestCount = count;
            }
        }
        startSource(best.empty() ? QStringLiteral("unknown") : QString::fromStdString(best));
    }
    m_groupsSeen = true;
    for (auto& p : m_pending)
        write(p);
    m_pending.clear();

    // run_results.json and sources.json name nodes by unique_id only: record each asset's
    // unique_id, and for each test the asset it tests (its one asset parent, or the first model).
    for (const auto& [uniqueId, key] : m_keys)
        m_sink.assetAlias(QStringLiteral("dbt:node:") + QString::fromStdString(uniqueId), key);
    for (const auto& [child, parents] : m_parentMap) {
        if (!child.starts_with("test."))
            continue;
        for (const auto& parent : parents) {
            const auto tested = m_keys.find(parent);
            if (tested != m_keys.end()) {
                m_sink.assetAlias(QStringLiteral("dbt:node:") + QString::fromStdString(child), tested->second);
                break;
            }
        }
    }

    // Lineage between assets only: edges into or out of tests, macros, metrics are not assets'.
    const ParentList& lineage = m_hasParentMap ? m_parentMap : m_dependsOn;
    std::unordered_set<std::string> seen;
    int step = 0;
    for (const auto& [child, parents] : lineage) {
        if (++step % 4096 == 0)
            m_context.checkCancelled();
        const auto to = m_keys.find(child);
        if (to == m_keys.end())
            continue;
        for (const auto& parent : parents) {
            const auto from = m_keys.find(parent);
            if (from == m_keys.end() || from->second == to->second)
                continue;
            const QString pair = from->second + u'\n' + to->second;
            if (seen.insert(pair.toStdString()).second)
                m_sink.edge(from->second, to->second);
        }
    }
}

} // namespace sightline::dbt
