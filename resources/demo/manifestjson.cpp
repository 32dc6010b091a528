#include "manifestjson.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

namespace demo {

std::vector<std::string> split(const char* text, char separator)
{
    std::vector<std::string> out;
    if (!text)
        return out;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) {
        if (!part.empty())
            out.push_back(part);
    }
    return out;
}

std::string fingerprint(const std::string& text, std::size_t digits)
{
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
    std::string hex(buffer);
    while (hex.size() < digits)
        hex += hex;
    return hex.substr(0, digits);
}

const Team& team(const std::string& id)
{
    for (const auto& t : teams()) {
        if (id == t.id)
            return t;
    }
    std::cerr << "demo estate: unknown team " << id << '\n';
    std::exit(1);
}

namespace {
std::string columnDescription(const std::string& column)
{
    for (const auto& g : glossary()) {
        if (column == g.column)
            return g.description;
    }
    return {};
}

} // namespace

Json columnsJson(const char* spec)
{
    Json columns = Json::object();
    for (const auto& entry : split(spec, ',')) {
        const auto colon = entry.find(':');
        const std::string name = entry.substr(0, colon);
        const std::string type = colon == std::string::npos ? std::string() : entry.substr(colon + 1);
        columns[name] = Json {{"name", name},
                              {"description", columnDescription(name)},
                              {"meta", Json::object()},
                              {"data_type", type},
                              {"constraints", Json::array()},
                              {"quote", nullptr},
                              {"tags", Json::array()},
                              {"granularity", nullptr}};
    }
    return columns;
}

Json tagsJson(const char* spec)
{
    Json tags = Json::array();
    for (const auto& t : split(spec, ','))
        tags.push_back(t);
    return tags;
}

Json teamMeta(const Team& t, bool withOwner)
{
    Json meta = Json::object();
    if (withOwner)
        meta["owner"] = t.owner;
    meta["team"] = t.name;
    meta[t.channelKey] = t.channel;
    return meta;
}

std::string backticked(const std::string& database, const std::string& schema, const std::string& name)
{
    return "`" + database + "`.`" + schema + "`.`" + name + "`";
}

} // namespace demo
