#pragma once

#include <QString>

namespace sightline {

// Finds where the JSON value starting at p ends, without building or decoding anything: strings
// are stepped over (escapes included), containers are matched bracket by bracket, and scalar
// tokens must be true, false, null or a number. Missing commas or colons are not noticed: this
// is for values the caller has chosen to skip, read at memory speed.
struct JsonSkipResult
{
    const char* end = nullptr; // one past the value; null on error
    const char* errorAt = nullptr;
    QString error;
};
JsonSkipResult skipJsonValue(const char* p, const char* end, int maxDepth);

} // namespace sightline
