#include "assetjson.h"

#include <algorithm>

namespace sightline {

namespace {

std::string utf8(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    return std::string(bytes.constData(), size_t(bytes.size()));
}

nlohmann::json textOrNull(const QString& text)
{
    if (text.isEmpty())
        return nullptr;
    return utf8(text);
}

nlohmann::json stringArray(const QStringList& list)
{
    auto out = nlohmann::json::array();
    for (const auto& item : list)
        out.push_back(utf8(item));
    return out;
}

} // namespace

nlohmann::json assetToJson(const Asset& asset)
{
    // nlohmann's default object keeps its fields sorted by name: deterministic output, and the
    // contract names fields, not positions.
    nlohmann::json out = nlohmann::json::object();
    out["key"] = utf8(asset.key);
    out["kind"] = utf8(kindName(asset.kind));
    out["platform"] = utf8(asset.platform);
    out["name"] = utf8(asset.name);
    out["owner"] = textOrNull(asset.owner);
    out["team"] = textOrNull(asset.team);
    out["channel"] = textOrNull(asset.channel);
    out["tags"] = stringArray(asset.tags);
    out["description"] = textOrNull(asset.description);
    out["url"] = textOrNull(asset.url);
    out["database"] = textOrNull(asset.database);
    out["schema"] = textOrNull(asset.schema);
    out["systems"] = stringArray(asset.systems);
    out["retired"] = asset.retired;
    return out;
}

namespace {
// Sort by the UTF-8 bytes of the key, the order `sort` and scripts in other languages agree on.
std::vector<qsizetype> orderByKey(const QList<Asset>& assets)
{
    std::vector<std::pair<std::string, qsizetype>> keyed;
    keyed.reserve(size_t(assets.size()));
    for (qsizetype i = 0; i < assets.size(); ++i)
        keyed.emplace_back(utf8(assets[i].key), i);
    std::sort(keyed.begin(), keyed.end());
    std::vector<qsizetype> order;
    order.reserve(keyed.size());
    for (const auto& entry : keyed)
        order.push_back(entry.second);
    return order;
}
} // namespace

nlohmann::json assetsToJson(QList<Asset> assets)
{
    auto out = nlohmann::json::array();
    for (auto index : orderByKey(assets))
        out.push_back(assetToJson(assets[index]));
    return out;
}

void writeAssetsJson(const QList<Asset>& assets, const std::function<void(const QByteArray&)>& write, bool pretty)
{
    constexpr qsizetype kChunk = 64 * 1024;
    if (assets.isEmpty()) {
        write(QByteArrayLiteral("[]\n"));
        return;
    }
    QByteArray buffer = pretty ? QByteArrayLiteral("[\n") : QByteArrayLiteral("[");
    bool first = true;
    for (auto index : orderByKey(assets)) {
        if (!first)
            buffer += pretty ? ",\n" : ",";
        first = false;
        // An element of a pretty array is the element's own pretty form, indented one level.
        const std::string element =
            assetToJson(assets[index]).dump(pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (pretty) {
            buffer += "  ";
            for (char c : element) {
                buffer += c;
                if (c == '\n')
                    buffer += "  ";
            }
        } else {
            buffer.append(element.data(), qsizetype(element.size()));
        }
        if (buffer.size() >= kChunk) {
            write(buffer);
            buffer.clear();
        }
    }
    buffer += pretty ? "\n]\n" : "]\n";
    write(buffer);
}

QByteArray toJsonBytes(const nlohmann::json& json, bool pretty)
{
    const std::string text = json.dump(pretty ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
    QByteArray out(text.data(), qsizetype(text.size()));
    out.append('\n');
    return out;
}

} // namespace sightline
