#include "overview.h"

#include <QSet>

#include <algorithm>
#include <map>

namespace sightline {

namespace {

using Index = LineageGraph::Index;

// Below this many boxes the overview says next to nothing: a box may open by itself even if
// what it holds has to be paged.
constexpr qsizetype kFewBoxes = 4;

// One node of the picture while it is being opened up: a box of assets or a single asset.
struct Entry
{
    Index asset = LineageGraph::npos;
    QString id; // a box's id; for an asset, the box it was opened from
    QString label;
    QString parent;
    int level = 0;
    bool more = false;
    std::vector<Index> assets; // a box's members
};

QString plural(GroupBy by)
{
    const QString name = groupByName(by);
    return name.endsWith(u'y') ? QString(name.chopped(1) + QStringLiteral("ies")) : QString(name + u's');
}

// `assets` as boxes by levels[level]: every group when there are at most maxGroups, else the
// largest maxGroups - 1 (ties by key) and one "more" box holding the rest. A level where all
// assets fall in one group says nothing: the next level is used instead.
std::vector<Entry> split(const LineageGraph& graph, const std::vector<Index>& assets,
                         const std::vector<GroupBy>& levels, int level, const QString& parent, qsizetype maxGroups)
{
    std::map<QString, std::vector<Index>> groups;
    for (Index a : assets)
        groups[groupKeyOf(graph.asset(a), levels[size_t(level)])].push_back(a);
    if (groups.size() == 1 && size_t(level) + 1 < levels.size())
        return split(graph, assets, levels, level + 1, parent, maxGroups);

    std::vector<Entry> out;
    const auto box = [&](const QString& key, std::vector<Index> members) {
        Entry e;
        e.id = nestedGroupId(parent, key);
        e.label = key;
        e.parent = parent;
        e.level = level;
        e.assets = std::move(members);
        out.push_back(std::move(e));
    };
    maxGroups = std::max<qsizetype>(maxGroups, 2);
    if (qsizetype(groups.size()) <= maxGroups) {
        for (auto& [key, members] : groups)
            box(key, std::move(members));
        return out;
    }
    std::vector<std::map<QString, std::vector<Index>>::iterator> order;
    for (auto it = groups.begin(); it != groups.end(); ++it)
        order.push_back(it);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a->second.size() > b->second.size(); });
    std::vector<char> kept(order.size(), 0);
    std::vector<Index> rest;
    qsizetype restGroups = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        if (qsizetype(i) < maxGroups - 1) {
            order[i]->second.shrink_to_fit();
            continue;
        }
        rest.insert(rest.end(), order[i]->second.begin(), order[i]->second.end());
        order[i]->second.clear();
        ++restGroups;
    }
    for (auto& [key, members] : groups) {
        if (!members.empty())
            box(key, std::move(members));
    }
    Entry more;
    more.id = nestedGroupId(parent, QStringLiteral("(more)"));
    more.label = QStringLiteral("%1 more %2").arg(restGroups).arg(plural(levels[size_t(level)]));
    more.parent = parent;
    more.level = level;
    more.more = true;
    more.assets = std::move(rest);
    out.push_back(std::move(more));
    return out;
}

// What a box shows when opened: the next level's groups, the next page of its level's groups
// (a "more" box), or its assets.
std::vector<Entry> openBox(const LineageGraph& graph, const std::vector<GroupBy>& levels, const Entry& box,
                           qsizetype maxGroups)
{
    std::vector<Entry> inside;
    if (box.more) {
        inside = split(graph, box.assets, levels, box.level, box.parent, maxGroups);
        // The next page: its own "more" box continues the parent's numbering of ids.
        for (Entry& e : inside) {
            if (e.more)
                e.id = nestedGroupId(box.id, QStringLiteral("(more)"));
        }
        return inside;
    }
    if (size_t(box.level) + 1 < levels.size()) {
        inside = split(graph, box.assets, levels, box.level + 1, box.id, maxGroups);
        // One box in place of one box would be a wasted click: show the assets instead.
        if (inside.size() != 1)
            return inside;
        inside.clear();
    }
    std::vector<Index> sorted = box.assets;
    std::sort(sorted.begin(), sorted.end(),
              [&graph](Index a, Index b) { return graph.asset(a).key < graph.asset(b).key; });
    for (Index a : sorted) {
        Entry e;
        e.asset = a;
        e.id = box.id;
        e.level = box.level;
        inside.push_back(std::move(e));
    }
    return inside;
}

} // namespace

QString nestedGroupId(const QString& parent, const QString& key)
{
    return parent.isEmpty() ? key : QString(parent + QStringLiteral(" \u203a ") + key);
}

std::vector<GroupBy> chooseOverviewLevels(const LineageGraph& graph, const std::vector<Index>& members,
                                          std::optional<GroupBy> preferred, qsizetype maxGroups)
{
    const GroupBy by = preferred.value_or(GroupBy::Dataset);
    if (by == GroupBy::Platform)
        return {by};
    QSet<QString> keys;
    for (Index a : members) {
        keys.insert(groupKeyOf(graph.asset(a), by));
        if (qsizetype(keys.size()) > maxGroups) {
            // Datasets sit in databases and fall into families by name ("raw_*", "marts_*"):
            // levels where everything is in one group are skipped when the picture is made.
            if (by == GroupBy::Dataset)
                return {GroupBy::Platform, GroupBy::Database, GroupBy::DatasetFamily, by};
            return {GroupBy::Platform, by};
        }
    }
    return {by};
}

GroupedLineage overviewLineage(const LineageGraph& graph, const std::vector<Index>& members, const OverviewSpec& spec)
{
    GroupedLineage out;
    if (members.empty())
        return out;
    const std::vector<GroupBy> levels =
        spec.levels.empty() ? chooseOverviewLevels(graph, members, spec.preferred, spec.maxGroups) : spec.levels;
    std::vector<Entry> entries = split(graph, members, levels, 0, QString(), spec.maxGroups);

    // A handful of boxes is no overview: open the largest while the picture stays within
    // maxGroups boxes (a page of the level below, sized to what is left), unless closed by hand.
    QSet<QString> tried;
    while (qsizetype(entries.size()) < kMinOverviewBoxes) {
        auto largest = entries.end();
        for (auto it = entries.begin(); it != entries.end(); ++it) {
            if (it->asset == LineageGraph::npos && !it->more && !tried.contains(it->id)
                && !spec.collapsed.contains(it->id)
                && (largest == entries.end() || it->assets.size() > largest->assets.size()))
                largest = it;
        }
        if (largest == entries.end())
            break;
        tried.insert(largest->id);
        const qsizetype room = spec.maxGroups - qsizetype(entries.size()) + 1;
        if (room < 2 || size_t(largest->level) + 1 >= levels.size())
            continue; // never opened into single assets unasked (checked again below: levels skip)
        const std::vector<Entry> inside = openBox(graph, levels, *largest, room);
        // Paging a box's content is for a picture that is otherwise next to empty.
        const bool paged = std::any_of(inside.begin(), inside.end(), [](const Entry& e) { return e.more; });
        const bool assets =
            std::any_of(inside.begin(), inside.end(), [](const Entry& e) { return e.asset != LineageGraph::npos; });
        if (assets || qsizetype(inside.size()) > room || (paged && qsizetype(entries.size()) >= kFewBoxes))
            continue;
        out.autoExpanded.append(largest->id);
        const auto at = entries.erase(largest);
        entries.insert(at, inside.begin(), inside.end());
    }

    // Open the asked-for boxes, in the order asked; a box inside another opens once its parent
    // has (hence the passes), and one that would pass maxNodes stays closed.
    QSet<QString> done;
    for (bool changed = true; changed;) {
        changed = false;
        for (const QString& id : spec.expanded) {
            if (done.contains(id))
                continue;
            const auto it = std::find_if(entries.begin(), entries.end(),
                                         [&id](const Entry& e) { return e.asset == LineageGraph::npos && e.id == id; });
            if (it == entries.end())
                continue;
            done.insert(id);
            const std::vector<Entry> inside = openBox(graph, levels, *it, spec.maxGroups);
            if (qsizetype(entries.size() + inside.size()) - 1 > spec.maxNodes) {
                out.refusedExpansions.append(id);
                continue;
            }
            const auto at = entries.erase(it);
            entries.insert(at, inside.begin(), inside.end());
            changed = true;
        }
    }

    std::vector<int> display(size_t(graph.size()), -1);
    for (const Entry& e : entries) {
        const int node = int(out.nodes.size());
        GroupedLineage::Node n;
        n.asset = e.asset;
        n.group = e.id;
        n.by = levels[size_t(e.level)];
        n.parent = e.parent;
        if (e.asset != LineageGraph::npos) {
            display[e.asset] = node;
        } else {
            n.count = qsizetype(e.assets.size());
            n.label = e.label;
            n.more = e.more;
            for (Index a : e.assets)
                display[a] = node;
        }
        out.nodes.push_back(std::move(n));
    }
    bundleEdges(graph, members, display, spec.maxEdges, out);
    out.nodeOfAsset = std::move(display);
    return out;
}

} // namespace sightline
