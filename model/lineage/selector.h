#pragma once

#include "lineage/lineagegraph.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <stdexcept>
#include <vector>

namespace sightline {

// A selector that does not parse. position is 1-based (the offending character; one past the end
// when something is missing at the end); what() is "position N: message".
class SelectorError : public std::runtime_error
{
public:
    SelectorError(QString selector, qsizetype position, const QString& message);
    qsizetype position() const
    {
        return m_position;
    }
    QString message() const
    {
        return QString::fromUtf8(what());
    }
    // The message without its "position N: " prefix.
    QString detail() const
    {
        return m_detail;
    }
    QString selector() const
    {
        return m_selector;
    }
    // Two lines: the selector, and a caret under the offending character.
    QString caret() const;

private:
    QString m_selector;
    qsizetype m_position;
    QString m_detail;
};

// What a selector is evaluated against besides the graph.
struct SelectorContext
{
    // Incident statuses by asset key (e.g. "open", "acknowledged"), for the status: method; an
    // asset matches when any of its statuses does. Empty (no incidents yet): status: matches
    // nothing.
    QHash<QString, QStringList> statusByKey;
};

// dbt's node selection syntax over a lineage graph.
//
//   selector  := group (' '+ group)*        space: union
//   group     := atom (',' atom)*           comma: intersection
//   atom      := '@' value | [N] ['+'] value ['+' [N]]
//   value     := [method ':'] pattern
//
// '+x' adds all ancestors, 'x+' all descendants, '2+x+1' ancestors within 2 and descendants
// within 1 step; '@x' is x, its descendants and every ancestor of those. Methods: tag, owner,
// team, channel, platform, kind, dataset (the schema part of a relation key), status, key, name.
// A pattern without a known method matches an asset's key or name. Every match is
// case-insensitive, '*' matches any run of characters and '?' one character; "*" alone selects
// everything. A prefix before ':' that is no method is part of a key ("looker:dashboard:12").
class Selector
{
public:
    // Throws SelectorError. An empty (or blank) text selects nothing.
    static Selector parse(const QString& text);

    // Indices of the selected assets, sorted.
    std::vector<LineageGraph::Index> evaluate(const LineageGraph& graph, const SelectorContext& context = {}) const;

    // The selector is one plain asset name or key: no method, wildcard, operator or set operation.
    bool isSingleName() const;
    QString text() const
    {
        return m_text;
    }

    enum class Method
    {
        Any, // key or name
        Key,
        Name,
        Tag,
        Owner,
        Team,
        Channel,
        Platform,
        Kind,
        Dataset,
        Status,
    };
    struct Atom
    {
        Method method = Method::Any;
        QString pattern; // case-folded
        bool wildcard = false;
        bool at = false; // '@'
        int up = 0; // ancestors: 0 none, < 0 all
        int down = 0;
    };

private:
    QString m_text;
    std::vector<std::vector<Atom>> m_groups; // union of intersections
};

// include minus exclude, both evaluated on graph (an empty exclude removes nothing).
std::vector<LineageGraph::Index> selectAssets(const LineageGraph& graph, const Selector& include,
                                              const Selector* exclude = nullptr, const SelectorContext& context = {});

// What one selector box holds: "INCLUDE [--exclude EXCLUDE]", dbt's command line in one line.
struct SelectorLine
{
    Selector include;
    std::optional<Selector> exclude;
};
// Throws SelectorError with the position counted from the start of `text`; an --exclude with
// nothing to include, or with nothing after it, is an error.
SelectorLine parseSelectorLine(const QString& text);

// Case-insensitive glob match ('*', '?'); pattern must be case-folded.
bool globMatch(QStringView pattern, QStringView text);

} // namespace sightline
