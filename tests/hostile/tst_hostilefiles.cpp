#include "hostilecorpus.h"
#include "store/workspace.h"
#include "testutil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace sightline;
using namespace sightline::test::hostile;

namespace {

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray binary(qsizetype size, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray out(size, Qt::Uninitialized);
    rng.fillRange(reinterpret_cast<quint32*>(out.data()), size / 4);
    return out;
}

QByteArray seedOf(const QString& format)
{
    for (const auto& s : seeds()) {
        if (s.format == format)
            return s.bytes;
    }
    return {};
}

struct Run
{
    int exitCode = -1;
    QByteArray err;
};

Run runSightline(const QStringList& args)
{
    QProcess p;
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/sightline"), args);
    Run r;
    if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit)
        r.exitCode = p.exitCode();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

// Hostile files and folders rather than hostile content: empty, binary, ten thousand of them,
// one that disappears or shrinks mid-import; and the same through `sightline import`.
class TestHostileFiles : public QObject
{
    Q_OBJECT

private:
    Harness m_harness;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_harness.ok());
    }

    void zeroByteFile()
    {
        const QString dir = m_harness.freshDir();
        const Outcome alone = m_harness.importBytes({}, QStringLiteral("empty.json"));
        QCOMPARE(alone.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(alone.error.contains(QStringLiteral("empty.json: empty file")), qPrintable(alone.error));
        QVERIFY(alone.unchanged);

        // In a folder beside a valid file it is skipped, with the reason in the report.
        QVERIFY(writeFile(dir + QStringLiteral("/empty.json"), {}));
        QVERIFY(writeFile(dir + QStringLiteral("/snapshot.json"), seedOf(QStringLiteral("sightline-snapshot"))));
        QVERIFY(writeFile(dir + QStringLiteral("/manifest.json"), seedOf(QStringLiteral("dbt-manifest"))));
        ImportReport report;
        {
            const QString ws = m_harness.freshDir() + QStringLiteral("/ws.sightline");
            report = ImportRunner(m_harness.registry()).run(ws, {dir});
        }
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.files.size(), 3);
        for (const auto& f : report.files) {
            if (f.path.endsWith(QStringLiteral("empty.json")))
                QCOMPARE(f.skipped, QStringLiteral("empty file"));
            else
                QVERIFY(f.skipped.isEmpty());
        }
    }

    void binaryFile()
    {
        const Outcome o = m_harness.importBytes(binary(1 << 20, 7), QStringLiteral("blob.bin"));
        QCOMPARE(o.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(o.error.contains(QStringLiteral("blob.bin: not a format Sightline reads (looked for: ")),
                 qPrintable(o.error));
        QVERIFY(o.unchanged);
    }

    // The first half of a valid file, then 64 KiB of random bytes: detected, then refused.
    void binaryAfterAValidHead_data()
    {
        QTest::addColumn<QString>("format");
        for (const auto& s : seeds())
            QTest::addRow("%s", qPrintable(s.format)) << s.format;
    }
    void binaryAfterAValidHead()
    {
        QFETCH(QString, format);
        const QByteArray seed = seedOf(format);
        const Outcome o = m_harness.importBytes(seed.left(seed.size() / 2) + binary(64 << 10, 11));
        QCOMPARE(o.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(o.error.contains(QStringLiteral("input.json:")), qPrintable(o.error));
        QVERIFY(o.unchanged);
    }

    // 10,000 small files in one folder: one snapshot, every file in the report.
    void tenThousandFiles()
    {
        const QString dir = m_harness.freshDir();
        for (int i = 0; i < 10000; ++i) {
            const QByteArray text =
                "{\"format\": \"sightline-snapshot\", \"version\": 1, \"source\": \"gen\", \"captured_at\": "
                "\"2024-05-01T06:00:00Z\", \"assets\": [{\"key\": \"gen.ds.t"
                + QByteArray::number(i) + "\", \"kind\": \"table\", \"platform\": \"bigquery\"}]}";
            QVERIFY(writeFile(dir + QStringLiteral("/f%1.json").arg(i, 5, 10, QLatin1Char('0')), text));
        }
        const QString ws = m_harness.freshDir() + QStringLiteral("/ws.sightline");
        QVERIFY(QFile::copy(m_harness.baseWorkspace(), ws));
        QElapsedTimer t;
        t.start();
        const auto report = ImportRunner(m_harness.registry()).run(ws, {dir});
        const qint64 ms = t.elapsed();
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.files.size(), 10000);
        QCOMPARE(report.snapshotIds.size(), 1);
        auto w = Workspace::open(ws, Workspace::OpenMode::ReadOnly);
        QCOMPARE(w->db().queryInt("SELECT count(*) FROM asset WHERE key LIKE 'gen.ds.t%'"), 10000);
        qInfo("10,000 files imported as one snapshot in %lld ms", ms);
    }

    // 10,000 files none of which is a format Sightline reads: one error, nothing written.
    void tenThousandUnreadableFiles()
    {
        const QString dir = m_harness.freshDir();
        for (int i = 0; i < 10000; ++i)
            QVERIFY(writeFile(dir + QStringLiteral("/n%1.txt").arg(i), "note " + QByteArray::number(i) + '\n'));
        QElapsedTimer t;
        t.start();
        const Outcome o = m_harness.importPaths({dir});
        QCOMPARE(o.outcome, ImportReport::Outcome::Failed);
        QCOMPARE(o.error, dir + QStringLiteral(": no file in a format Sightline reads"));
        QVERIFY(o.unchanged);
        qInfo("10,000 unreadable files refused in %lld ms", t.elapsed());
    }

    // A file of a folder removed (or cut short) after it was planned and hashed, while an earlier
    // file of the same snapshot is being imported.
    void fileChangesMidImport_data()
    {
        QTest::addColumn<bool>("remove");
        QTest::addColumn<QString>("reason");
        QTest::addRow("disappears") << true << "run_results.json: cannot read";
        QTest::addRow("shrinks") << false << "run_results.json:";
    }
    void fileChangesMidImport()
    {
        QFETCH(bool, remove);
        QFETCH(QString, reason);
        const QString dir = m_harness.freshDir();
        const QString later = dir + QStringLiteral("/run_results.json");
        QVERIFY(writeFile(dir + QStringLiteral("/manifest.json"), seedOf(QStringLiteral("dbt-manifest"))));
        const QByteArray results = seedOf(QStringLiteral("dbt-run-results"));
        QVERIFY(writeFile(later, results));
        bool changed = false;
        const Outcome o = m_harness.importPaths({dir}, [&](qint64, qint64, const QString& file) {
            if (changed || !file.endsWith(QStringLiteral("manifest.json")))
                return;
            changed = true;
            if (remove)
                QFile::remove(later);
            else
                QFile::resize(later, results.size() / 3);
        });
        QVERIFY(changed);
        QCOMPARE(o.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(o.error.contains(reason), qPrintable(o.error));
        QVERIFY(o.unchanged);
    }

    // Through the real command line: exit code 2, one line "sightline: FILE[:LINE[:COL]]: reason"
    // on stderr, and the workspace's dump unchanged.
    void commandLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        for (const auto& s : seeds()) {
            QTest::addRow("%s truncated", qPrintable(s.format)) << s.bytes.left(s.bytes.size() * 2 / 3) << QString();
            QTest::addRow("%s 200,000-deep nesting", qPrintable(s.format))
                << inject(s.bytes, true, QByteArray(200000, '[') + QByteArray(200000, ']')) << QString();
        }
        QTest::addRow("0-byte file") << QByteArray() << "empty file";
        QTest::addRow("binary file") << binary(100000, 3) << "not a format Sightline reads";
    }
    void commandLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        const QString dir = m_harness.freshDir();
        const QString ws = dir + QStringLiteral("/ws.sightline");
        QVERIFY(QFile::copy(m_harness.baseWorkspace(), ws));
        const QString input = dir + QStringLiteral("/in.json");
        QVERIFY(writeFile(input, content));
        const Run r = runSightline({"import", ws, input});
        QCOMPARE(r.exitCode, 2);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QStringLiteral("sightline: ") + input + u':'), qPrintable(err));
        QVERIFY2(err.count(u'\n') == 1 && err.endsWith(u'\n'), qPrintable(err));
        QVERIFY2(err.contains(reason), qPrintable(err));
        QCOMPARE(test::dumpWorkspace(ws), m_harness.baseDump());
        // Into a workspace that did not exist: still none afterwards.
        const QString fresh = dir + QStringLiteral("/fresh.sightline");
        QCOMPARE(runSightline({"import", fresh, input}).exitCode, 2);
        QVERIFY(!QFile::exists(fresh));
    }
};

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostilefiles.moc"
