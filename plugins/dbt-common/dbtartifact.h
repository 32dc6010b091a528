#pragma once

#include "dbtfields.h"
#include "import/importer.h"

#include <QByteArray>
#include <QDateTime>
#include <QLatin1String>
#include <QString>

#include <functional>
#include <map>
#include <string>

namespace sightline::dbt {

// Detection of a dbt artifact by metadata.dbt_schema_version, which names the artifact and its
// schema version ("https://schemas.getdbt.com/dbt/run-results/v6.json"). artifact: "run-results",
// "sources", "catalog", "manifest". A version newer than newestKnown is probably still readable
// (dbt only adds fields), but less certain.
Detection detectArtifact(const QByteArray& head, QLatin1String artifact, int newestKnown);

// Checks that metadata names the expected artifact (an ImportError otherwise) and returns its
// generated_at (invalid, with a warning, when it is not a time).
QDateTime readArtifactMetadata(const JsonValue& metadata, QLatin1String artifact, const Fields& f);

// "/results/3": the JSON pointer of a streamed member.
std::string memberPointer(const JsonStreamItem& item);

// One streamed element of an artifact's `results` array, checked: null when the section itself
// is null (nothing to read); an ImportError naming the place when the section is not an array or
// the element not an object.
const JsonValue* resultObject(const JsonStreamItem& item, const JsonStreamReader& reader, ImportSink& sink);

// The package most unique ids name: the project an artifact was produced for (run results,
// sources and catalogs carry no project name of their own).
class PackageVote
{
public:
    void add(std::string_view uniqueId);
    // The most named package (ties: the alphabetically first); empty when none.
    QString winner() const;

private:
    std::map<std::string, int, std::less<>> m_counts;
};

// Normalised status of a run, test or freshness result (see RunResult::status): dbt's
// "runtime error" is an error, "partial success" a warning, "no-op" a skip. Unknown statuses
// are kept as written, lower-cased.
QString normaliseStatus(const QString& status);

} // namespace sightline::dbt
