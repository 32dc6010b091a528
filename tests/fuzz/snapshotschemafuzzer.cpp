// libFuzzer target for the native snapshot's JSON Schema validator (plugins/snapshot/
// snapshotschema): input that parses as JSON is validated against the whole schema and against
// each definition, the way the importer validates streamed members.
#include "snapshotschema.h"

#include <QStringList>

using namespace sightline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // The importer hands the validator values of bounded depth (JsonStreamReader); so does this.
    int depth = 0;
    for (size_t i = 0; i < size; ++i) {
        if (data[i] == '[' || data[i] == '{')
            ++depth;
        else if ((data[i] == ']' || data[i] == '}') && depth > 0)
            --depth;
        if (depth > 200)
            return 0;
    }
    const JsonValue value = JsonValue::parse(data, data + size, nullptr, false);
    if (value.is_discarded())
        return 0;
    const auto& schema = snapshot::Schema::instance();
    QStringList errors;
    std::vector<std::string> unknown;
    schema.validate(value, "", "", errors, &unknown);
    const auto& defs = schema.at("/$defs");
    for (auto it = defs.begin(); it != defs.end(); ++it)
        schema.validate(value, "/$defs/" + it.key(), "/x", errors, &unknown);
    snapshot::Schema::preview(value);
    return 0;
}
