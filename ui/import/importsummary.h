#pragma once

#include "import/importrunner.h"

#include <QString>

namespace sightline::ui {

// What an import did, for people: a headline ("Imported 82 assets and 111 edges from 1 file",
// "Nothing new: ...", "Import failed") and details per file (format, counts, warnings, skipped).
struct ImportSummary
{
    QString title;
    QString headline;
    QString details;
};

ImportSummary summarize(const ImportReport& report);

} // namespace sightline::ui
