#pragma once

#include "manifestjson.h"

#include <filesystem>

namespace demo {

// Writes the demo's history under dir/history: one folder per capture (every 6 hours), each a
// snapshot as the shipped collectors would write it. Returns false (after a message on stderr)
// when a file cannot be written.
bool writeHistory(const std::filesystem::path& dir, const Json& manifest);

} // namespace demo
