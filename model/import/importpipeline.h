#pragma once

#include "import/importer.h"

#include <functional>

namespace sightline {

// Runs importer.import() on a worker thread and applies what it reports to target on the calling
// thread, through a small bounded queue: parsing and SQLite inserts then use two cores. target,
// progress and cancelled are only ever called on the calling thread. Exceptions from either side
// (ImportError, ImportCancelled, sql::Error) reach the caller after the worker has stopped.
void runPipelined(const Importer& importer, const QString& path, qint64 size, ImportSink& target,
                  const std::function<void(qint64 bytesDone)>& progress, const std::function<bool()>& cancelled);

} // namespace sightline
