#include "selector.h"

#include <algorithm>
#include <iterator>

namespace sightline {

using Index = LineageGraph::Index;

SelectorError::SelectorError(QString selector, qsizetype position, const QString& message)
    : std::runtime_error(QStringLiteral("position %1: %2").arg(position).arg(message).toStdString())
    , m_selector(std::move(selector))
    , m_position(position)
    , m_detail(message)
{
}

QString SelectorError::caret() const
{
    return m_selector + u'\n' + QString(std::max<qsizetype>(m_position - 1, 0), u' ') + u'^';
}

namespace {

struct MethodName
{
    const char16_t* name;
    Selector::Method method;
};

constexpr MethodName kMethods[] = {
    {u"key", Selector::Method::Key},           {u"name", Selector::Method::Name},
    {u"tag", Selector::Method::Tag},           {u"owner", Selector::Method::Owner},
    {u"team", Selector::Method::Team},         {u"channel", Selector::Method::Channel},
    {u"platform", Selector::Method::Platform}, {u"kind", Selector::Method::Kind},
    {u"dataset", Selector::Method::Dataset},   {u"status", Selector::Method::Status},
};

bool isBlank(QChar c)
{
    return c.isSpace();
}

class Parser
{
public:
    explicit Parser(const QString& text)
        : m_text(text)
    {
    }

    std::vector<std::vector<Selector::Atom>> run()
    {
        std::vector<std::vector<Selector::Atom>> groups;
        for (;;) {
            while (m_pos < m_text.size() && isBlank(m_text[m_pos]))
                ++m_pos;
            if (m_pos == m_text.size())
                return groups;
            std::vector<Selector::Atom> group;
            for (;;) {
                group.push_back(atom());
                if (m_pos < m_text.size() && m_text[m_pos] == u',') {
                    ++m_pos;
                    if (m_pos == m_text.size() || isBlank(m_text[m_pos]) || m_text[m_pos] == u',')
                        fail(m_pos, QStringLiteral("expected a selector after ','"));
                    continue;
                }
                break;
            }
            groups.push_back(std::move(group));
        }
    }

private:
    [[noreturn]] void fail(qsizetype zeroBased, const QString& message) const
    {
        throw SelectorError(m_text, zeroBased + 1, message);
    }

    bool atEnd() const
    {
        return m_pos == m_text.size();
    }

    bool atBoundary() const
    {
        return atEnd() || isBlank(m_text[m_pos]) || m_text[m_pos] == u',';
    }

    // Digits at [from, to) as a depth.
    int depth(qsizetype from, qsizetype to) const
    {
        bool ok = false;
        const int value = QStringView(m_text).mid(from, to - from).toInt(&ok);
        if (!ok || value > 1000000)
            fail(from, QStringLiteral("depth '%1' is too large").arg(QStringView(m_text).mid(from, to - from)));
        return value;
    }

    Selector::Atom atom()
    {
        Selector::Atom a;
        if (m_text[m_pos] == u',')
            fail(m_pos, QStringLiteral("expected a selector before ','"));
        if (m_text[m_pos] == u'@') {
            a.at = true;
            ++m_pos;
            if (!atEnd() && (m_text[m_pos] == u'+' || m_text[m_pos].isDigit())) {
                qsizetype j = m_pos;
                while (j < m_text.size() && m_text[j].isDigit())
                    ++j;
                if (j < m_text.size() && m_text[j] == u'+')
                    fail(m_pos, QStringLiteral("'@' cannot be combined with '+'"));
            }
            if (atBoundary())
                fail(m_pos, QStringLiteral("expected a name after '@'"));
        } else {
            // Leading digits are a depth only when a '+' follows: "2+x"; "2020_orders" is a name.
            qsizetype j = m_pos;
            while (j < m_text.size() && m_text[j].isDigit())
                ++j;
            if (j < m_text.size() && m_text[j] == u'+') {
                a.up = j > m_pos ? depth(m_pos, j) : -1;
                m_pos = j + 1;
                if (atBoundary())
                    fail(m_pos, QStringLiteral("expected a name after '+'"));
                if (m_text[m_pos] == u'+' || m_text[m_pos] == u'@')
                    fail(m_pos, QStringLiteral("unexpected '%1' after '+'").arg(m_text[m_pos]));
            }
        }

        const qsizetype valueStart = m_pos;
        while (!atBoundary() && m_text[m_pos] != u'+')
            ++m_pos;
        value(a, valueStart, m_pos);

        if (!atEnd() && m_text[m_pos] == u'+') {
            if (a.at)
                fail(m_pos, QStringLiteral("'@' cannot be combined with '+'"));
            const qsizetype plus = m_pos++;
            qsizetype j = m_pos;
            while (j < m_text.size() && m_text[j].isDigit())
                ++j;
            a.down = j > m_pos ? depth(m_pos, j) : -1;
            m_pos = j;
            if (!atBoundary()) {
                fail(m_pos,
                     m_pos == plus + 1 && m_text[m_pos] == u'+'
                         ? QStringLiteral("unexpected '+' after '+'")
                         : QStringLiteral("unexpected '%1' after '+'").arg(m_text[m_pos]));
            }
        }
        return a;
    }

    void value(Selector::Atom& a, qsizetype from, qsizetype to) const
    {
        const QStringView text = QStringView(m_text).mid(from, to - from);
        const qsizetype colon = text.indexOf(u':');
        QStringView pattern = text;
        if (colon > 0) {
            const QString prefix = text.left(colon).toString().toLower();
            for (const auto& m : kMethods) {
                if (prefix == QStringView(m.name)) {
                    a.method = m.method;
                    pattern = text.mid(colon + 1);
                    if (pattern.isEmpty())
                        fail(from + colon + 1, QStringLiteral("expected a value after '%1:'").arg(prefix));
                    break;
                }
            }
        }
        a.pattern = pattern.toString().toCaseFolded();
        a.wildcard = a.pattern.contains(u'*') || a.pattern.contains(u'?');
        if (a.method == Selector::Method::Kind && !a.wildcard && !kindFromName(a.pattern)) {
            QStringList names;
            for (AssetKind k : allKinds())
                names.append(kindName(k));
            fail(to - pattern.size(), QStringLiteral("unknown kind '%1' (kinds: %2)").arg(pattern, names.join(u", ")));
        }
    }

    const QString& m_text;
    qsizetype m_pos = 0;
};

QChar fold(QChar c)
{
    if (c.unicode() < 0x80)
        return (c >= u'A' && c <= u'Z') ? QChar(char16_t(c.unicode() + 32)) : c;
    return c.toCaseFolded();
}

bool matches(const Selector::Atom& a, const Asset& asset, const SelectorContext& context)
{
    auto field = [&a](const QString& value) { return !value.isEmpty() && globMatch(a.pattern, value); };
    switch (a.method) {
    case Selector::Method::Any:
        return field(asset.key) || field(asset.name);
    case Selector::Method::Key:
        return field(asset.key);
    case Selector::Method::Name:
        return field(asset.name);
    case Selector::Method::Tag:
        return std::any_of(asset.tags.begin(), asset.tags.end(), field);
    case Selector::Method::Owner:
        return field(asset.owner);
    case Selector::Method::Team:
        return field(asset.team);
    case Selector::Method::Channel:
        return field(asset.channel);
    case Selector::Method::Platform:
        return field(asset.platform);
    case Selector::Method::Kind:
        return field(kindName(asset.kind));
    case Selector::Method::Dataset:
        return field(asset.schema);
    case Selector::Method::Status: {
        const auto it = context.statusByKey.constFind(asset.key);
        return it != context.statusByKey.cend() && std::any_of(it->begin(), it->end(), field);
    }
    }
    return false;
}

void sortUnique(std::vector<Index>& v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::vector<Index> seeds(const LineageGraph& graph, const Selector::Atom& a, const SelectorContext& context)
{
    std::vector<Index> out;
    const bool indexed = !a.wildcard
        && (a.method == Selector::Method::Any || a.method == Selector::Method::Key
            || a.method == Selector::Method::Name);
    if (indexed) {
        // Exact key or name: a hash look-up instead of a scan of the whole estate.
        for (Index i : graph.findFolded(a.pattern)) {
            if (matches(a, graph.asset(i), context))
                out.push_back(i);
        }
        return out;
    }
    if (a.method == Selector::Method::Status && context.statusByKey.isEmpty())
        return out;
    for (Index i = 0; i < Index(graph.size()); ++i) {
        if (matches(a, graph.asset(i), context))
            out.push_back(i);
    }
    return out;
}

std::vector<Index> evaluateAtom(const LineageGraph& graph, const Selector::Atom& a, const SelectorContext& context)
{
    std::vector<Index> out = seeds(graph, a, context);
    if (out.empty())
        return out;
    if (a.at) {
        for (const auto& r : graph.closureDown(out, -1))
            out.push_back(r.node);
        const std::vector<Index> withDescendants = out;
        for (const auto& r : graph.closureUp(withDescendants, -1))
            out.push_back(r.node);
    } else {
        const std::vector<Index> start = out;
        if (a.up != 0) {
            for (const auto& r : graph.closureUp(start, a.up))
                out.push_back(r.node);
        }
        if (a.down != 0) {
            for (const auto& r : graph.closureDown(start, a.down))
                out.push_back(r.node);
        }
    }
    sortUnique(out);
    return out;
}

} // namespace

bool globMatch(QStringView pattern, QStringView text)
{
    qsizetype p = 0, t = 0, star = -1, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && (pattern[p] == u'?' || pattern[p] == fold(text[t]))) {
            ++p;
            ++t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

Selector Selector::parse(const QString& text)
{
    Selector s;
    s.m_text = text;
    s.m_groups = Parser(text).run();
    return s;
}

bool Selector::isSingleName() const
{
    if (m_groups.size() != 1 || m_groups.front().size() != 1)
        return false;
    const Atom& a = m_groups.front().front();
    return a.method == Method::Any && !a.wildcard && !a.at && a.up == 0 && a.down == 0;
}

std::vector<Index> Selector::evaluate(const LineageGraph& graph, const SelectorContext& context) const
{
    std::vector<Index> result;
    for (const auto& group : m_groups) {
        std::vector<Index> meet = evaluateAtom(graph, group.front(), context);
        for (size_t k = 1; k < group.size() && !meet.empty(); ++k) {
            const std::vector<Index> other = evaluateAtom(graph, group[k], context);
            std::vector<Index> both;
            std::set_intersection(meet.begin(), meet.end(), other.begin(), other.end(), std::back_inserter(both));
            meet = std::move(both);
        }
        if (result.empty()) {
            result = std::move(meet);
        } else {
            std::vector<Index> either;
            std::set_union(result.begin(), result.end(), meet.begin(), meet.end(), std::back_inserter(either));
            result = std::move(either);
        }
    }
    return result;
}

SelectorLine parseSelectorLine(const QString& text)
{
    static const QString kExclude = QStringLiteral("--exclude");
    const qsizetype at = text.indexOf(kExclude);
    if (at < 0)
        return {Selector::parse(text), std::nullopt};
    const QString include = text.left(at);
    const QString rest = text.mid(at + kExclude.size());
    if (include.trimmed().isEmpty())
        throw SelectorError(text, 1, QStringLiteral("nothing to select before --exclude"));
    if (!rest.isEmpty() && !rest.front().isSpace())
        throw SelectorError(text, at + kExclude.size() + 1, QStringLiteral("expected a space after --exclude"));
    if (rest.trimmed().isEmpty())
        throw SelectorError(text, text.size() + 1, QStringLiteral("--exclude needs a selector after it"));
    SelectorLine line {Selector::parse(include), std::nullopt};
    try {
        line.exclude = Selector::parse(rest);
    } catch (const SelectorError& e) {
        throw SelectorError(text, at + kExclude.size() + e.position(), e.detail());
    }
    return line;
}

std::vector<Index> selectAssets(const LineageGraph& graph, const Selector& include, const Selector* exclude,
                                const SelectorContext& context)
{
    std::vector<Index> selected = include.evaluate(graph, context);
    if (!exclude || selected.empty())
        return selected;
    const std::vector<Index> removed = exclude->evaluate(graph, context);
    std::vector<Index> out;
    std::set_difference(selected.begin(), selected.end(), removed.begin(), removed.end(), std::back_inserter(out));
    return out;
}

} // namespace sightline
