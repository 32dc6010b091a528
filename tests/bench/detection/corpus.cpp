#include "corpus.h"

#include "../../detect/historywriter.h"

#include <algorithm>
#include <cmath>
#include <random>

using namespace sightline;

namespace bench {

namespace {
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;

// What a table looks like after one write.
struct Event
{
    qint64 at = 0;
    double rows = 0;
    double nullRate = 0;
    double mean = 0;
    bool modifies = true; // moves last_modified
};

struct Sim
{
    CorpusTable table;
    std::vector<Event> events; // by time
    qint64 firstModified = 0;
    bool hasColumn = false;
    qint64 schemaChangeAt = -1;
    bool retype = false;
    std::vector<std::pair<qint64, bool>> tests; // (at, failed)
};

int weekdayOf(qint64 ms)
{
    return int(((ms / kDay) % 7 + 7 + 3) % 7);
}

class Generator
{
public:
    Generator(const CorpusOptions& o, Corpus& corpus)
        : m_o(o)
        , m_corpus(corpus)
        , m_rng(o.seed)
    {
    }

    double uniform(double a, double b)
    {
        return std::uniform_real_distribution<double>(a, b)(m_rng);
    }
    double normal(double sd)
    {
        return std::normal_distribution<double>(0, sd)(m_rng);
    }
    bool chance(double p)
    {
        return uniform(0, 1) < p;
    }

    Sim simulate(const QString& pattern, int index)
    {
        Sim s;
        s.table.key = QStringLiteral("bench.%1.t%2").arg(pattern).arg(index, 3, 10, QLatin1Char('0'));
        s.table.pattern = pattern;
        s.table.clean = !chance(m_o.injectedShare) || pattern == u"static";
        const bool appendLike = pattern == u"append" || pattern == u"weekday" || pattern == u"noisy";
        const bool rebuilt = pattern == u"rebuilt";
        const double base = std::exp(uniform(std::log(1e5), std::log(1e8)));
        const double rate = uniform(0.002, 0.02) * base; // rows a day
        const double noise = pattern == u"noisy" ? 0.25 : rebuilt ? 0.03 : 0.06;
        const double weekend = chance(0.3) ? uniform(0.4, 0.8) : 1.0;
        const double trend = uniform(0, 0.004);
        const double loadHour = uniform(0.5, 8);
        const double jitter = pattern == u"noisy" ? 1.5 : 0.25;
        s.hasColumn = chance(0.5);
        const double nullBase = uniform(0.001, 0.05);
        const double meanBase = uniform(10, 1000);
        s.firstModified = m_corpus.start - qint64(uniform(1, 30) * kDay);
        if (!s.table.clean && pattern == u"static")
            s.table.clean = true;

        // The anomaly, if any: a type that fits the pattern, on a day of the judged range.
        QString type;
        int injectDay = -1;
        if (!s.table.clean) {
            QStringList types = appendLike
                ? QStringList {"deletion", "collapse", "spike", "stall", "late", "schema", "test"}
                : QStringList {"loss", "late", "schema", "test"};
            if (s.hasColumn)
                types.append(QStringLiteral("distribution"));
            type = types[int(uniform(0, types.size()))];
            do {
                injectDay = int(uniform(35, m_o.days - 5));
            } while (pattern == u"weekday" && weekdayOf(m_corpus.start + injectDay * kDay) > 3);
        }

        double rows = base;
        double level = base;
        int stallLeft = 0;
        qint64 injectionAt = -1;
        s.events.push_back({m_corpus.start - kDay, rows, nullBase, meanBase, false});
        s.events.back().at = s.firstModified;
        for (int d = 0; d < m_o.days; ++d) {
            const qint64 dayStart = m_corpus.start + d * kDay;
            const int wd = weekdayOf(dayStart);
            const bool weekendDay = wd >= 5;
            if (pattern == u"static")
                continue;
            if (pattern == u"weekday" && weekendDay)
                continue;
            qint64 at = dayStart + qint64((loadHour + normal(jitter)) * kHour);
            const bool today = d == injectDay;
            if (today && type == u"late") {
                injectionAt = at;
                at += qint64(uniform(10, 20) * kHour);
            }
            const double season = weekendDay ? weekend : 1.0;
            const double growth = std::pow(1 + trend, d);
            Event e;
            e.at = at;
            e.nullRate = std::max(0.0, nullBase * (1 + normal(0.1)));
            e.mean = meanBase * (1 + normal(0.03));
            if (appendLike) {
                double inc = std::max(0.0, rate * season * growth * (1 + normal(noise)));
                if (today && type == u"collapse")
                    inc *= uniform(0.02, 0.2);
                if (today && type == u"spike")
                    inc *= uniform(4, 10);
                if (today && type == u"stall")
                    stallLeft = 3;
                if (stallLeft > 0) {
                    inc = 0;
                    --stallLeft;
                }
                rows += std::round(inc);
            } else {
                level = base * growth * season * (1 + normal(noise));
                rows = std::round(level);
                if (today && type == u"loss")
                    rows = std::round(rows * uniform(0.3, 0.7));
            }
            if (today && type == u"distribution") {
                if (chance(0.5))
                    e.nullRate = std::min(1.0, e.nullRate * uniform(5, 15) + 0.1);
                else
                    e.mean *= chance(0.5) ? uniform(1.5, 2.5) : uniform(0.3, 0.6);
            }
            e.rows = rows;
            if (today && injectionAt < 0)
                injectionAt = at;
            s.events.push_back(e);
            if (today && type == u"deletion") {
                // In a capture interval of its own: netted with a load between two captures, a
                // deletion is invisible in any metadata (the count still grows).
                Event del = e;
                const qint64 nextCapture =
                    m_corpus.start + 30 * 60'000 + ((at - m_corpus.start - 30 * 60'000) / (6 * kHour) + 1) * 6 * kHour;
                del.at = nextCapture + qint64(uniform(0.5, 5) * kHour);
                rows = std::round(rows * (1 - uniform(0.002, 0.02)));
                del.rows = rows;
                s.events.push_back(del);
                injectionAt = del.at;
            }
            if (s.hasColumn || type == u"test")
                s.tests.push_back({at + kHour, today && type == u"test"});
        }
        if (type == u"schema") {
            s.schemaChangeAt = m_corpus.start + injectDay * kDay + qint64(uniform(0, 20) * kHour);
            s.retype = chance(0.5);
            injectionAt = s.schemaChangeAt;
        }
        if (!type.isEmpty()) {
            const IncidentKind kind = type == u"late" ? IncidentKind::Freshness
                : type == u"schema"                   ? IncidentKind::Schema
                : type == u"distribution"             ? IncidentKind::Distribution
                : type == u"test"                     ? IncidentKind::Test
                                                      : IncidentKind::Volume;
            m_corpus.injections.append({s.table.key, type, kind, injectionAt});
        }
        std::stable_sort(s.events.begin(), s.events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
        return s;
    }

private:
    const CorpusOptions& m_o;
    Corpus& m_corpus;
    std::mt19937 m_rng;
};

Asset assetOf(const Sim& s, qint64 at)
{
    Asset a = HistoryWriter::table(s.table.key);
    a.physicalColumns = true;
    const bool changed = s.schemaChangeAt >= 0 && at >= s.schemaChangeAt;
    a.columns = {Column {QStringLiteral("id"), QStringLiteral("INT64"), 1, {}},
                 Column {QStringLiteral("amount"),
                         changed && s.retype ? QStringLiteral("STRING") : QStringLiteral("NUMERIC"),
                         2,
                         {}},
                 Column {QStringLiteral("created_at"), QStringLiteral("TIMESTAMP"), 3, {}}};
    if (!(changed && !s.retype))
        a.columns.append(Column {QStringLiteral("note"), QStringLiteral("STRING"), 4, {}});
    return a;
}
} // namespace

Corpus generateCorpus(Workspace& ws, const CorpusOptions& options)
{
    Corpus corpus;
    corpus.days = options.days;
    corpus.start = toStoredTime(QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC)); // a Monday
    Generator generator(options, corpus);
    std::vector<Sim> sims;
    for (const char* pattern : {"append", "rebuilt", "weekday", "static", "noisy"}) {
        for (int i = 0; i < options.tablesPerPattern; ++i)
            sims.push_back(generator.simulate(QString::fromLatin1(pattern), i));
    }
    for (const auto& s : sims)
        corpus.tables.append(s.table);

    HistoryWriter history(ws);
    std::vector<size_t> cursor(sims.size(), 0);
    std::vector<size_t> testCursor(sims.size(), 0);
    const QString rowCount = QString::fromUtf16(metric::RowCount);
    const QString lastModified = QString::fromUtf16(metric::LastModified);
    const QString nullRate = QString::fromUtf16(metric::NullRate);
    const QString mean = QString::fromUtf16(metric::Mean);
    for (qint64 at = corpus.start + 30 * 60'000; at < corpus.start + options.days * kDay; at += 6 * kHour) {
        const QDateTime when = fromStoredTime(at);
        history.capture(when, [&](WorkspaceWriter& w) {
            for (size_t t = 0; t < sims.size(); ++t) {
                const Sim& s = sims[t];
                while (cursor[t] + 1 < s.events.size() && s.events[cursor[t] + 1].at <= at)
                    ++cursor[t];
                // last_modified: the newest write at or before this capture that moved it.
                qint64 modified = s.firstModified;
                for (size_t e = 0; e <= cursor[t]; ++e) {
                    if (s.events[e].modifies || e == 0)
                        modified = std::max(modified, s.events[e].at);
                }
                const Event& e = s.events[cursor[t]];
                w.asset(assetOf(s, at));
                w.observation(HistoryWriter::obs(s.table.key, rowCount, when, e.rows));
                w.observation(HistoryWriter::obs(s.table.key, lastModified, when, double(modified)));
                if (s.hasColumn) {
                    w.observation(
                        HistoryWriter::obs(s.table.key, nullRate, when, e.nullRate, QStringLiteral("amount")));
                    w.observation(HistoryWriter::obs(s.table.key, mean, when, e.mean, QStringLiteral("amount")));
                }
                while (testCursor[t] < s.tests.size() && s.tests[testCursor[t]].first <= at) {
                    RunResult r;
                    r.assetKey = s.table.key;
                    r.kind = RunResult::Kind::Test;
                    r.name = QStringLiteral("not_null_amount");
                    r.column = QStringLiteral("amount");
                    r.status = s.tests[testCursor[t]].second ? QStringLiteral("fail") : QStringLiteral("pass");
                    r.at = fromStoredTime(s.tests[testCursor[t]].first);
                    w.runResult(r);
                    ++testCursor[t];
                }
            }
        });
    }
    return corpus;
}

} // namespace bench
