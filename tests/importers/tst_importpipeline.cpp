#include "import/importpipeline.h"

#include <QTest>

#include <stdexcept>
#include <thread>

using namespace sightline;

namespace {

// Reports n assets, an edge between each neighbouring pair, and one of each measurement.
class FakeImporter : public Importer
{
public:
    int assets = 5000;
    bool failAtEnd = false;
    QString formatId() const override
    {
        return QStringLiteral("fake");
    }
    QString displayName() const override
    {
        return QStringLiteral("fake");
    }
    Detection detect(const QByteArray&) const override
    {
        return {};
    }
    void import(const ImportContext& context, ImportSink& sink) const override
    {
        sink.beginSource(QStringLiteral("fake:1"), QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
        for (int i = 0; i < assets; ++i) {
            Asset a;
            a.key = QString::number(i);
            sink.asset(a);
            if (i > 0)
                sink.edge(QString::number(i - 1), a.key);
            context.reportProgress(i);
            context.checkCancelled();
        }
        sink.observation({QStringLiteral("0"), {}, QStringLiteral("row_count"), {}, 42});
        sink.columnEdge({QStringLiteral("0"), QStringLiteral("a"), QStringLiteral("1"), QStringLiteral("b"), {}});
        RunResult r;
        r.assetKey = QStringLiteral("1");
        r.status = QStringLiteral("pass");
        sink.runResult(r);
        sink.warning(QStringLiteral("done"));
        if (failAtEnd)
            throw ImportError(context.path, QStringLiteral("broken at the end"), 3, 4);
    }
};

class Collector : public ImportSink
{
public:
    QStringList calls;
    std::thread::id thread;
    int throwAfter = -1;
    void note(const QString& call)
    {
        thread = std::this_thread::get_id();
        calls.append(call);
        if (throwAfter >= 0 && calls.size() > throwAfter)
            throw std::runtime_error("disk full");
    }
    void beginSource(const QString& id, const QDateTime&) override
    {
        note("source " + id);
    }
    void asset(const Asset& a) override
    {
        note("asset " + a.key);
    }
    void edge(const QString& from, const QString& to) override
    {
        note("edge " + from + ">" + to);
    }
    void warning(const QString& message) override
    {
        note("warning " + message);
    }
    void observation(const Observation& o) override
    {
        note("observation " + o.assetKey + " " + o.metric + " " + QString::number(o.value));
    }
    void columnEdge(const ColumnEdge& e) override
    {
        note("columnEdge " + e.fromKey + "." + e.fromColumn + ">" + e.toKey + "." + e.toColumn);
    }
    void runResult(const RunResult& r) override
    {
        note("runResult " + r.assetKey + " " + r.status);
    }
};

} // namespace

// The importer runs on a worker thread; what it reports reaches the target, in order, on the
// calling thread, and failures on either side come back to the caller.
class TestImportPipeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyCallArrivesInOrderOnTheCallingThread()
    {
        FakeImporter importer;
        Collector target;
        QList<qint64> progress;
        runPipelined(importer, QStringLiteral("x"), 10, target, [&](qint64 done) { progress.append(done); }, {});
        QCOMPARE(target.thread, std::this_thread::get_id());
        QCOMPARE(target.calls.size(), 1 + 5000 + 4999 + 4);
        QCOMPARE(target.calls.first(), QStringLiteral("source fake:1"));
        QCOMPARE(target.calls[1], QStringLiteral("asset 0"));
        QCOMPARE(target.calls[2], QStringLiteral("asset 1"));
        QCOMPARE(target.calls[3], QStringLiteral("edge 0>1"));
        QCOMPARE(target.calls.mid(target.calls.size() - 4),
                 QStringList({"observation 0 row_count 42", "columnEdge 0.a>1.b", "runResult 1 pass", "warning done"}));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last(), qint64(4999));
    }

    void importerErrorReachesTheCaller()
    {
        FakeImporter importer;
        importer.failAtEnd = true;
        Collector target;
        try {
            runPipelined(importer, QStringLiteral("in.json"), 10, target, {}, {});
            QFAIL("no error");
        } catch (const ImportError& e) {
            QCOMPARE(e.message(), QStringLiteral("in.json:3:4: broken at the end"));
        }
    }

    // The worker is blocked on a full queue when the target fails: it must be released.
    void targetErrorStopsTheWorker()
    {
        FakeImporter importer;
        importer.assets = 200000;
        Collector target;
        target.throwAfter = 10;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, runPipelined(importer, QStringLiteral("x"), 10, target, {}, {}));
        QCOMPARE(target.calls.size(), 11);
    }

    void cancellationReachesTheImporter()
    {
        FakeImporter importer;
        importer.assets = 2000000;
        Collector target;
        QVERIFY_THROWS_EXCEPTION(ImportCancelled,
                                 runPipelined(importer, QStringLiteral("x"), 10, target, {}, [] { return true; }));
        QVERIFY(target.calls.size() < 1000000);
    }
};

QTEST_GUILESS_MAIN(TestImportPipeline)
#include "tst_importpipeline.moc"
