#pragma once

#include "dbtnode.h"
#include "import/importer.h"
#include "import/jsonstream.h"

#include <QHash>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sightline::dbt {

// One import of one manifest.json. Streams the file; writes assets as soon as the project they
// belong to is known, keeps compact parent lists and writes the edges at the end (parent_map
// comes after the nodes in the file).
class ManifestImport
{
public:
    ManifestImport(const ImportContext& context, ImportSink& sink);
    void run();

private:
    struct Pending
    {
        Asset asset;
        QString group;
    };
    using ParentList = std::vector<std::pair<std::string, std::vector<std::string>>>;

    void onItem(JsonStreamItem& item);
    void readMetadata(const JsonValue& metadata, qint64 offset);
    void readEntry(JsonStreamItem& item, bool exposure);
    void readGroup(JsonStreamItem& item);
    void readParents(JsonStreamItem& item);
    // Members of an object-valued section; other shapes are errors (or nothing, when null).
    bool expectMember(const JsonStreamItem& item);

    void noteProject(const std::string& package, bool isModel);
    void startSource(const QString& project);
    void add(NodeResult&& node, const std::string& uniqueId);
    void write(Pending& pending);
    void finish();

    const ImportContext& m_context;
    ImportSink& m_sink;
    JsonStreamReader m_reader;

    QString m_platform;
    QString m_projectName;
    std::string m_projectId;
    QDateTime m_capturedAt;
    bool m_sourceStarted = false;
    std::unordered_set<std::string> m_packagesChecked;
    std::unordered_map<std::string, int> m_modelPackages;
    std::unordered_map<std::string, int> m_anyPackages;

    QHash<QString, QString> m_groupOwners;
    bool m_groupsSeen = false;
    std::vector<Pending> m_pending;

    // unique_id -> index into m_assetKeys. Two ids may share a key (a source that reads the
    // table a seed builds): lineage is deduplicated by key index.
    std::unordered_map<std::string, int> m_ids;
    std::vector<QString> m_assetKeys;
    QHash<QString, int> m_keyIndex;
    ParentList m_dependsOn;
    ParentList m_parentMap;
    ParentList m_testParents; // test unique_id -> its parents
    bool m_hasParentMap = false;
};

} // namespace sightline::dbt
