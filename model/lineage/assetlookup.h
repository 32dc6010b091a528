#pragma once

#include "core/asset.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace sightline {

// Finds the asset a person means by a key or a name (command line ASSET arguments, search boxes).
struct AssetLookup
{
    enum class Outcome
    {
        Found,
        Ambiguous, // several assets share the name: candidates lists their keys
        NotFound, // candidates lists keys of similar assets (may be empty)
    };
    Outcome outcome = Outcome::NotFound;
    qsizetype index = -1; // into the searched list when Found
    QStringList candidates; // sorted by closeness, then key
};

// Tries, in order: the exact key; a key equal but for case; a unique name equal but for case.
// When nothing matches, suggests up to maxCandidates keys whose key or name contains the query or
// is a few edits away from it.
AssetLookup lookupAsset(const QList<Asset>& assets, const QString& query, int maxCandidates = 8);

} // namespace sightline
