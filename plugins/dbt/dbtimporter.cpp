#include "dbtimporter.h"

#include "dbtmanifestimport.h"

#include <QRegularExpression>

namespace sightline {

namespace {
constexpr int kNewestKnownVersion = 12;
}

QString DbtManifestImporter::formatId() const
{
    return QStringLiteral("dbt-manifest");
}

QString DbtManifestImporter::displayName() const
{
    return QStringLiteral("dbt manifest.json");
}

Detection DbtManifestImporter::detect(const QByteArray& head) const
{
    // Content only: metadata.dbt_schema_version names the artifact and its schema version
    // ("https://schemas.getdbt.com/dbt/manifest/v12.json"); catalogs and run results name theirs.
    const qsizetype at = head.indexOf("\"dbt_schema_version\"");
    if (at < 0)
        return {};
    static const QRegularExpression re(
        QStringLiteral(R"re(^"dbt_schema_version"\s*:\s*"[^"]*/manifest/v(\d+)\.json")re"));
    const auto match = re.match(QString::fromUtf8(head.mid(at, 512)));
    if (!match.hasMatch())
        return {};
    const int version = match.captured(1).toInt();
    Detection d;
    d.version = QStringLiteral("v%1").arg(version);
    // A newer schema is probably still readable (unknown fields are ignored), but less certain.
    d.confidence = version >= 1 && version <= kNewestKnownVersion ? 100 : 60;
    return d;
}

void DbtManifestImporter::import(const ImportContext& context, ImportSink& sink) const
{
    dbt::ManifestImport(context, sink).run();
}

} // namespace sightline
