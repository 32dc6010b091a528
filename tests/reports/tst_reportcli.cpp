#include "reportfixture.h"
#include "testutil.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

// `sightline report` end to end on the hostile estate.
class TestReportCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ws;

    struct Result
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    Result run(const QStringList& args)
    {
        QProcess p;
        p.start(test::buildDir() + "/bin/sightline", args);
        if (!p.waitForFinished(60'000))
            return {};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    static QByteArray read(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = m_dir.filePath("w.sightline");
        HostileEstate::create(m_ws);
    }

    void formats_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("starts");
        QTest::addRow("incident html") << QStringList {"--incident", "1", "--format", "html"}
                                       << QByteArray("<!DOCTYPE html>");
        QTest::addRow("incident md") << QStringList {"--incident", "1", "--md"} << QByteArray("# Incident #1: SEV-2");
        QTest::addRow("incident csv") << QStringList {"--incident", "1", "--csv"}
                                      << QByteArray("incident_id,incident_asset");
        QTest::addRow("period html") << QStringList {"--period", "7d"} << QByteArray("<!DOCTYPE html>");
        QTest::addRow("period csv") << QStringList {"--period", "24h", "--csv"}
                                    << QByteArray("incident_id,detected_at");
        QTest::addRow("ownership md")
            << QStringList {"--ownership", "--md"}
            << QByteArray("# Ownership gaps\n\n4 assets: 3 with an owner (75 %), 3 with an alert channel (75 %).");
        QTest::addRow("ownership csv") << QStringList {"--ownership", "--csv"}
                                       << QByteArray("kind,key,name,problem\r\ndashboard,looker:dashboard:1,");
        QTest::addRow("ownership pdf") << QStringList {"--ownership", "--format", "pdf"} << QByteArray("%PDF-");
        QTest::addRow("incident pdf") << QStringList {"--incident", "1", "--format", "pdf"} << QByteArray("%PDF-");
    }
    void formats()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, starts);
        const QString out = m_dir.filePath(QString::number(qHash(args.join(u' '))));
        const auto r = run(QStringList {"report", m_ws, "-o", out} + args);
        QVERIFY2(r.code == 0, r.err.constData());
        const QByteArray bytes = read(out);
        QVERIFY2(bytes.startsWith(starts), bytes.left(80).constData());
    }

    void periodIsDataTime()
    {
        // Data time is 2025-11-20 06:00; the incident was detected a day before.
        const auto day = run({"report", m_ws, "--period", "24h", "--csv"});
        QCOMPARE(day.code, 0);
        QCOMPARE(day.out.count("\r\n"), 2);
        const auto hour = run({"report", m_ws, "--period", "1h", "--csv"});
        QCOMPARE(hour.out.count("\r\n"), 1); // the header only
    }

    void usageAndErrors()
    {
        QCOMPARE(run({"report", m_ws, "--incident", "1", "--period", "7d"}).code, 1);
        QCOMPARE(run({"report", m_ws, "--ownership", "--period", "7d"}).code, 1);
        QCOMPARE(run({"report", m_ws}).code, 1);
        QCOMPARE(run({"report", m_ws, "--period", "7x"}).code, 1);
        QCOMPARE(run({"report", m_ws, "--incident", "1", "--format", "pdf"}).code, 1); // needs -o
        QCOMPARE(run({"report", m_ws, "--incident", "1", "--format", "docx"}).code, 1);
        QCOMPARE(run({"report", m_ws, "--incident", "42"}).code, 2);
        QCOMPARE(run({"report", m_dir.filePath("nope.sightline"), "--incident", "1"}).code, 3);
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "tst_reportcli.moc"
