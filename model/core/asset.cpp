#include "asset.h"

#include <QUrl>

namespace sightline {

namespace {
struct KindInfo
{
    AssetKind kind;
    const char* name;
    int rank;
};

// Ranks: what the thing is to a person beats how the warehouse stores it.
constexpr KindInfo kKinds[] = {
    {AssetKind::Table, "table", 0},
    {AssetKind::View, "view", 1},
    {AssetKind::Model, "model", 10},
    {AssetKind::Source, "source", 9},
    {AssetKind::Seed, "seed", 10},
    {AssetKind::Snapshot, "snapshot", 10},
    {AssetKind::Dashboard, "dashboard", 5},
    {AssetKind::Look, "look", 5},
    {AssetKind::Explore, "explore", 5},
    {AssetKind::Notebook, "notebook", 5},
    {AssetKind::Analysis, "analysis", 5},
    {AssetKind::Ml, "ml", 5},
    {AssetKind::Application, "application", 5},
    {AssetKind::Job, "job", 5},
};
} // namespace

QString kindName(AssetKind kind)
{
    for (const auto& info : kKinds) {
        if (info.kind == kind)
            return QString::fromLatin1(info.name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<AssetKind> kindFromName(QStringView name)
{
    for (const auto& info : kKinds) {
        if (name.compare(QLatin1String(info.name), Qt::CaseInsensitive) == 0)
            return info.kind;
    }
    return std::nullopt;
}

const QList<AssetKind>& allKinds()
{
    static const QList<AssetKind> kinds = [] {
        QList<AssetKind> list;
        for (const auto& info : kKinds)
            list.append(info.kind);
        return list;
    }();
    return kinds;
}

int kindRank(AssetKind kind)
{
    for (const auto& info : kKinds) {
        if (info.kind == kind)
            return info.rank;
    }
    return 0;
}

QString stripIdentifierQuotes(QStringView part)
{
    part = part.trimmed();
    if (part.size() >= 2) {
        const QChar first = part.front();
        const QChar last = part.back();
        if ((first == u'"' && last == u'"') || (first == u'`' && last == u'`') || (first == u'[' && last == u']')) {
            part = part.mid(1, part.size() - 2);
        }
    }
    QString result = part.toString();
    // Quotes inside a part (BigQuery `proj.ds.t` written as one quoted string) are dropped too.
    result.remove(u'`');
    result.remove(u'"');
    return result;
}

QString relationKey(QStringView database, QStringView schema, QStringView identifier)
{
    QString key;
    for (QStringView part : {database, schema, identifier}) {
        const QString clean = stripIdentifierQuotes(part).toLower();
        if (clean.isEmpty())
            continue;
        if (!key.isEmpty())
            key += u'.';
        key += clean;
    }
    return key;
}

QString contentUrlKey(AssetKind kind, const QString& url)
{
    switch (kind) {
    case AssetKind::Dashboard:
    case AssetKind::Look:
    case AssetKind::Notebook:
    case AssetKind::Analysis:
    case AssetKind::Ml:
    case AssetKind::Application:
        break;
    default:
        return {};
    }
    if (!url.startsWith(QLatin1String("http"), Qt::CaseInsensitive))
        return {};
    const QUrl parsed(url.trimmed());
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty() || (scheme != u"https" && scheme != u"http"))
        return {};
    QString path = parsed.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.startsWith(QLatin1String("/dashboards-next/")))
        path.replace(0, 17, QStringLiteral("/dashboards/"));
    // http and https name the same page.
    QString key = QStringLiteral("https://") + parsed.host().toLower();
    if (parsed.port() != -1 && parsed.port() != 443 && parsed.port() != 80)
        key += u':' + QString::number(parsed.port());
    return key + path;
}

QString systemKey(QStringView system, QStringView kind, QStringView id)
{
    return system.toString().toLower() + u':' + kind.toString().toLower() + u':' + id.toString();
}

} // namespace sightline
