#pragma once

#include "import/jsonstream.h"

#include <QByteArray>
#include <QString>

namespace sightline::looker {

// Parses a file of Looker responses whole (they are small), after a scan that refuses nesting
// deeper than 256 levels and strings over 16 MiB, which nlohmann would otherwise build.
// Throws ImportError with line and column.
JsonValue parseBounded(const QByteArray& data, const QString& path);

} // namespace sightline::looker
