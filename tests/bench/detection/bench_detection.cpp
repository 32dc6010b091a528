// Detection benchmark: a labelled corpus (tests/bench/detection/corpus.h), Sightline's detectors
// and a reference implementation of Elementary's anomaly tests on it, scored by issue 5's rule.
// Run: build/dev/bin/bench_detection [--seeds 1,2,3] [--tables N] [--days D] [--verbose]
#include "corpus.h"
#include "elementary.h"

#include "detect/detection.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <map>

using namespace sightline;
using namespace bench;

namespace {
constexpr qint64 kDay = 86'400'000;

struct Tally
{
    int injected = 0;
    int caught = 0;
    int findings = 0;
    int matched = 0;

    double precision() const
    {
        return findings ? double(matched) / findings : 1.0;
    }
    double recall() const
    {
        return injected ? double(caught) / injected : 1.0;
    }
    double f1() const
    {
        const double p = precision();
        const double r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
    Tally& operator+=(const Tally& o)
    {
        injected += o.injected;
        caught += o.caught;
        findings += o.findings;
        matched += o.matched;
        return *this;
    }
};

struct Score
{
    std::map<QString, Tally> byKind; // incident kind name
    std::map<QString, Tally> byType; // injection type (recall only)
    int cleanFalseAlarms = 0;
    qint64 cleanTableDays = 0;
    QStringList missedDeletions;
    QList<Finding> falseAlarms;

    Score& operator+=(const Score& o)
    {
        for (const auto& [k, t] : o.byKind)
            byKind[k] += t;
        for (const auto& [k, t] : o.byType)
            byType[k] += t;
        cleanFalseAlarms += o.cleanFalseAlarms;
        cleanTableDays += o.cleanTableDays;
        missedDeletions += o.missedDeletions;
        falseAlarms += o.falseAlarms;
        return *this;
    }
    Tally overall() const
    {
        Tally all;
        for (const auto& [k, t] : byKind)
            all += t;
        return all;
    }
};

bool matches(const Finding& f, const Injection& j)
{
    return f.key == j.key && f.kind == j.kind && f.windowEnd >= j.at - kDay && f.windowStart <= j.at + 3 * kDay;
}

Score score(const QList<Finding>& findings, const Corpus& corpus)
{
    Score s;
    QSet<QString> clean;
    for (const auto& t : corpus.tables) {
        if (t.clean) {
            clean.insert(t.key);
            s.cleanTableDays += corpus.days;
        }
    }
    for (const auto& j : corpus.injections) {
        bool caught = false;
        for (const auto& f : findings)
            caught = caught || matches(f, j);
        Tally& k = s.byKind[incidentKindName(j.kind)];
        Tally& t = s.byType[j.type];
        ++k.injected;
        ++t.injected;
        k.caught += caught;
        t.caught += caught;
        if (!caught && j.type == u"deletion")
            s.missedDeletions.append(j.key + u'@' + fromStoredTime(j.at).toString(Qt::ISODate));
    }
    for (const auto& f : findings) {
        bool matched = false;
        for (const auto& j : corpus.injections)
            matched = matched || matches(f, j);
        Tally& k = s.byKind[incidentKindName(f.kind)];
        ++k.findings;
        k.matched += matched;
        if (!matched)
            s.falseAlarms.append(f);
        if (clean.contains(f.key))
            ++s.cleanFalseAlarms;
    }
    return s;
}

QString row(const Tally& t)
{
    return QStringLiteral("%1 %2 %3").arg(t.precision(), 5, 'f', 2).arg(t.recall(), 5, 'f', 2).arg(t.f1(), 5, 'f', 2);
}

void print(const QString& text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QList<quint32> seeds = {1, 2, 3};
    CorpusOptions options;
    bool verbose = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--seeds" && i + 1 < args.size()) {
            seeds.clear();
            for (const auto& s : args[++i].split(u','))
                seeds.append(s.toUInt());
        } else if (args[i] == u"--tables" && i + 1 < args.size()) {
            options.tablesPerPattern = args[++i].toInt();
        } else if (args[i] == u"--days" && i + 1 < args.size()) {
            options.days = args[++i].toInt();
        } else if (args[i] == u"--verbose") {
            verbose = true;
        }
    }

    Score ours;
    Score reference;
    Score seasonal;
    for (quint32 seed : seeds) {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("corpus.sightline")), Workspace::OpenMode::Create);
        options.seed = seed;
        QElapsedTimer timer;
        timer.start();
        const Corpus corpus = generateCorpus(*ws, options);
        const qint64 generated = timer.restart();
        const DetectionReport report = runDetection(*ws);
        const qint64 detected = timer.restart();
        QList<Finding> found;
        for (const auto& i : report.newIncidents)
            found.append({i.assetKey, i.kind, toStoredTime(i.windowStart), toStoredTime(i.windowEnd)});
        const Score s = score(found, corpus);
        ours += s;
        reference += score(runElementary(ws->db(), corpus, false), corpus);
        seasonal += score(runElementary(ws->db(), corpus, true), corpus);
        print(QStringLiteral("seed %1: %2 tables, %3 injections, %4 incidents; generated in %5 ms, detected in %6 ms; "
                             "F1 %7\n")
                  .arg(seed)
                  .arg(corpus.tables.size())
                  .arg(corpus.injections.size())
                  .arg(report.newIncidents.size())
                  .arg(generated)
                  .arg(detected)
                  .arg(s.overall().f1(), 0, 'f', 3));
        if (verbose) {
            for (const auto& i : report.newIncidents) {
                bool fa = false;
                for (const auto& f : s.falseAlarms)
                    fa = fa || (f.key == i.assetKey && f.windowEnd == toStoredTime(i.windowEnd) && f.kind == i.kind);
                if (fa)
                    print(QStringLiteral("  FA %1\n").arg(i.explanation));
            }
            for (const auto& j : corpus.injections) {
                bool caught = false;
                for (const auto& f : found)
                    caught = caught || matches(f, j);
                if (!caught)
                    print(QStringLiteral("  MISSED %1 %2 at %3\n")
                              .arg(j.type, j.key, fromStoredTime(j.at).toString(Qt::ISODate)));
            }
        }
    }

    print(QStringLiteral("\n%1 %2 | %3 | %4 | %5\n")
              .arg(QStringLiteral("kind"), -13)
              .arg(QStringLiteral("injected"), 8)
              .arg(QStringLiteral("Sightline P/R/F1"), -17)
              .arg(QStringLiteral("Elementary P/R/F1"), -17)
              .arg(QStringLiteral("Elem.+weekday P/R/F1")));
    for (const auto& [kind, t] : ours.byKind) {
        print(QStringLiteral("%1 %2 | %3 | %4 | %5\n")
                  .arg(kind, -13)
                  .arg(t.injected, 8)
                  .arg(row(t))
                  .arg(row(reference.byKind[kind]))
                  .arg(row(seasonal.byKind[kind])));
    }
    print(QStringLiteral("%1 %2 | %3 | %4 | %5\n")
              .arg(QStringLiteral("overall"), -13)
              .arg(ours.overall().injected, 8)
              .arg(row(ours.overall()))
              .arg(row(reference.overall()))
              .arg(row(seasonal.overall())));
    const auto perThousand = [](const Score& s) {
        return s.cleanTableDays ? 1000.0 * s.cleanFalseAlarms / double(s.cleanTableDays) : 0.0;
    };
    print(QStringLiteral("false alarms per 1,000 clean table-days: Sightline %1, Elementary %2, Elementary+weekday %3 "
                         "(%4 clean table-days)\n")
              .arg(perThousand(ours), 0, 'f', 2)
              .arg(perThousand(reference), 0, 'f', 2)
              .arg(perThousand(seasonal), 0, 'f', 2)
              .arg(ours.cleanTableDays));
    print(QStringLiteral("\nrecall per injected anomaly (Sightline / Elementary / Elementary+weekday):\n"));
    for (const auto& [type, t] : ours.byType) {
        print(QStringLiteral("  %1 %2 of %3 / %4 / %5\n")
                  .arg(type, -13)
                  .arg(t.caught, 3)
                  .arg(t.injected)
                  .arg(reference.byType[type].caught)
                  .arg(seasonal.byType[type].caught));
    }
    print(QStringLiteral("deletions missed by Sightline: %1\n")
              .arg(ours.missedDeletions.isEmpty() ? QStringLiteral("none") : ours.missedDeletions.join(u' ')));
    return 0;
}
