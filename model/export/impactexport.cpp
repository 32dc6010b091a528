#include "impactexport.h"

#include "export/assetjson.h"

namespace sightline {

namespace {

std::string utf8(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

} // namespace

nlohmann::json impactToJson(const Impact& impact)
{
    auto downstream = nlohmann::json::array();
    for (const auto& a : impact.downstream) {
        auto object = assetToJson(a.asset);
        object["distance"] = a.distance;
        downstream.push_back(std::move(object));
    }
    auto channels = nlohmann::json::array();
    for (const auto& c : impact.channels)
        channels.push_back(utf8(c));
    auto unowned = nlohmann::json::array();
    for (const auto& k : impact.unowned)
        unowned.push_back(utf8(k));
    return {{"asset", utf8(impact.asset.key)},
            {"downstream", std::move(downstream)},
            {"channels", std::move(channels)},
            {"unowned", std::move(unowned)}};
}

QString csvField(const QString& value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString out = value;
    out.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + out + u'"';
}

QByteArray impactToCsv(const Impact& impact)
{
    QString out = QStringLiteral("key,name,kind,platform,distance,owner,team,channel,unowned\r\n");
    for (const auto& d : impact.downstream) {
        const Asset& a = d.asset;
        const QStringList fields = {csvField(a.key),
                                    csvField(a.name),
                                    kindName(a.kind),
                                    csvField(a.platform),
                                    QString::number(d.distance),
                                    csvField(a.owner),
                                    csvField(a.team),
                                    csvField(a.channel),
                                    a.owner.isEmpty() ? QStringLiteral("yes") : QStringLiteral("no")};
        out += fields.join(u',') + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

} // namespace sightline
