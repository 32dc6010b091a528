#include "dbtartifact.h"

#include "dbtids.h"

#include <QRegularExpression>

namespace sightline::dbt {

Detection detectArtifact(const QByteArray& head, QLatin1String artifact, int newestKnown)
{
    const qsizetype at = head.indexOf("\"dbt_schema_version\"");
    if (at < 0)
        return {};
    static const QRegularExpression re(
        QStringLiteral(R"re(^"dbt_schema_version"\s*:\s*"[^"]*/([a-z-]+)/v(\d+)\.json")re"));
    const auto match = re.match(QString::fromUtf8(head.mid(at, 512)));
    if (!match.hasMatch() || match.captured(1) != artifact)
        return {};
    const int version = match.captured(2).toInt();
    Detection d;
    d.version = QStringLiteral("v%1").arg(version);
    d.confidence = version >= 1 && version <= newestKnown ? 100 : 60;
    return d;
}

QDateTime readArtifactMetadata(const JsonValue& metadata, QLatin1String artifact, const Fields& f)
{
    if (!metadata.is_object())
        f.fail({}, Fields::found("an object", metadata));
    const QString version = f.string(metadata, "dbt_schema_version");
    if (!version.contains(QString(u'/' + QString(artifact) + u'/')))
        f.fail("dbt_schema_version", QStringLiteral("not a dbt %1 artifact (\"%2\")").arg(artifact, version));
    const QString generated = f.string(metadata, "generated_at");
    const QDateTime at = parseIsoTime(generated);
    if (!at.isValid())
        f.warn("generated_at", QStringLiteral("not an ISO 8601 time: \"%1\"").arg(generated));
    return at;
}

std::string memberPointer(const JsonStreamItem& item)
{
    std::string p = "/" + pointerToken(item.topKey);
    if (item.container != JsonStreamItem::Container::None) {
        p += '/';
        p += pointerToken(item.memberKey);
    }
    return p;
}

const JsonValue* resultObject(const JsonStreamItem& item, const JsonStreamReader& reader, ImportSink& sink)
{
    if (item.container != JsonStreamItem::Container::Array) {
        if (item.container == JsonStreamItem::Container::None && item.value.is_null())
            return nullptr;
        const Fields section(reader, sink, "/" + pointerToken(item.topKey), item.offset);
        section.fail({},
                     item.container == JsonStreamItem::Container::Object
                         ? QStringLiteral("expected an array, found an object")
                         : Fields::found("an array", item.value));
    }
    if (!item.value.is_object())
        Fields(reader, sink, memberPointer(item), item.offset).fail({}, Fields::found("an object", item.value));
    return &item.value;
}

void PackageVote::add(std::string_view uniqueId)
{
    const std::string package = packageFromId(uniqueId);
    if (package.empty())
        return;
    auto it = m_counts.find(package);
    if (it == m_counts.end())
        m_counts.emplace(package, 1);
    else
        ++it->second;
}

QString PackageVote::winner() const
{
    const std::string* best = nullptr;
    int bestCount = 0;
    for (const auto& [package, count] : m_counts) {
        if (count > bestCount) {
            best = &package;
            bestCount = count;
        }
    }
    return best ? QString::fromStdString(*best) : QString();
}

QString normaliseStatus(const QString& status)
{
    const QString s = status.trimmed().toLower();
    if (s == QLatin1String("runtime error"))
        return QStringLiteral("error");
    if (s == QLatin1String("partial success"))
        return QStringLiteral("warn");
    if (s == QLatin1String("no-op"))
        return QStringLiteral("skipped");
    return s;
}

} // namespace sightline::dbt
