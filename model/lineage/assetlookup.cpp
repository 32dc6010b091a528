#include "assetlookup.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace sightline {

namespace {

// Edit distance, giving up (returning limit + 1) once the answer must exceed limit.
int editDistance(QStringView a, QStringView b, int limit)
{
    if (std::abs(a.size() - b.size()) > limit)
        return limit + 1;
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        int best = row[0];
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[size_t(j)] = std::min({above + 1, row[size_t(j) - 1] + 1, diagonal + cost});
            diagonal = above;
            best = std::min(best, row[size_t(j)]);
        }
        if (best > limit)
            return limit + 1;
    }
    return row.back();
}

} // namespace

AssetLookup lookupAsset(const QList<Asset>& assets, const QString& query, int maxCandidates)
{
    AssetLookup out;
    if (query.isEmpty())
        return out;
    for (qsizetype i = 0; i < assets.size(); ++i) {
        if (assets[i].key == query) {
            out.outcome = AssetLookup::Outcome::Found;
            out.index = i;
            return out;
        }
    }

    auto uniqueMatch = [&](auto equal) -> bool {
        std::vector<qsizetype> hits;
        for (qsizetype i = 0; i < assets.size(); ++i) {
            if (equal(assets[i]))
                hits.push_back(i);
        }
        if (hits.empty())
            return false;
        if (hits.size() == 1) {
            out.outcome = AssetLookup::Outcome::Found;
            out.index = hits.front();
            return true;
        }
        out.outcome = AssetLookup::Outcome::Ambiguous;
        for (auto i : hits)
            out.candidates.append(assets[i].key);
        out.candidates.sort();
        return true;
    };
    if (uniqueMatch([&](const Asset& a) { return a.key.compare(query, Qt::CaseInsensitive) == 0; }))
        return out;
    if (uniqueMatch([&](const Asset& a) { return a.name.compare(query, Qt::CaseInsensitive) == 0; }))
        return out;

    // Suggestions: a substring of key or name scores 0, otherwise the edit distance to the name or
    // to the key's last part, when small against the query's length.
    const QString folded = query.toCaseFolded();
    const int limit = std::clamp(int(query.size()) / 3, 1, 3);
    std::vector<std::pair<int, QString>> scored;
    for (const auto& a : assets) {
        const QString key = a.key.toCaseFolded();
        const QString name = a.name.toCaseFolded();
        int score = limit + 1;
        if (key.contains(folded) || name.contains(folded)) {
            score = 0;
        } else {
            const qsizetype cut = std::max(key.lastIndexOf(u'.'), key.lastIndexOf(u':'));
            const QStringView tail = QStringView(key).mid(cut + 1);
            score = std::min(editDistance(folded, name, limit), editDistance(folded, tail, limit));
        }
        if (score <= limit)
            scored.emplace_back(score, a.key);
    }
    std::sort(scored.begin(), scored.end());
    for (const auto& [score, key] : scored) {
        if (out.candidates.size() >= maxCandidates)
            break;
        out.candidates.append(key);
    }
    return out;
}

} // namespace sightline
