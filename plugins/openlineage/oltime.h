#pragma once

#include <QDateTime>
#include <QString>

namespace sightline::openlineage {

// An RFC 3339 eventTime ("2020-12-28T19:51:01.641Z", "2020-12-28T19:52:00.001+10:00", up to
// nanoseconds) as UTC. A time without an offset is taken as UTC. Invalid when it is not one.
QDateTime parseEventTime(QStringView text);

// Whether text is a UUID (8-4-4-4-12 hex digits), as the spec requires of a runId.
bool isUuid(QStringView text);

} // namespace sightline::openlineage
