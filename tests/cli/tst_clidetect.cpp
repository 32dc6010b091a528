#include "../detect/historywriter.h"
#include "jsonschema.h"
#include "testutil.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runSightline(const QStringList& args)
{
    QProcess p;
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/sightline"), args);
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QString str(const nlohmann::json& value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QStringLiteral("<not a string>");
}

QDateTime day(int d, int hour = 7)
{
    return QDateTime(QDate(2026, 10, 5).addDays(d), QTime(hour, 0), Qt::UTC);
}

// 30 days of an append-only table, then a 150,000-row deletion; and a test that fails once.
void writeHistory(const QString& path)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::Create);
    HistoryWriter h(*ws);
    const QString key = QStringLiteral("proj.sales.orders");
    double rows = 40'000'000;
    for (int d = 0; d <= 30; ++d) {
        rows += d == 30 ? -150'000 : 100'000 + 1'000 * (d % 3);
        h.capture(day(d), [&](WorkspaceWriter& w) {
            w.asset(HistoryWriter::table(key));
            w.observation(HistoryWriter::obs(key, QString::fromUtf16(metric::RowCount), day(d), rows));
            RunResult test;
            test.assetKey = key;
            test.kind = RunResult::Kind::Test;
            test.name = QStringLiteral("unique_orders_id");
            test.status = d == 20 ? QStringLiteral("fail") : QStringLiteral("pass");
            test.at = day(d, 6);
            w.runResult(test);
        });
    }
}
} // namespace

class TestCliDetect : public QObject
{
    Q_OBJECT

private:
    test::JsonSchemaValidator m_contracts;

    void checkContract(const QByteArray& out, int expectedSize)
    {
        const auto json = nlohmann::json::parse(out.toStdString(), nullptr, false);
        QVERIFY2(json.is_array(), out.constData());
        QCOMPARE(int(json.size()), expectedSize);
        const QStringList errors = m_contracts.validate(json, QStringLiteral("incidents.schema.json"));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_contracts.loadDirectory(test::contractsDir(), &error), qPrintable(error));
    }

    void detectThenList()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("ws.sightline"));
        writeHistory(ws);

        const Run detect = runSightline({"detect", ws, "--json"});
        QCOMPARE(detect.exitCode, 0);
        checkContract(detect.out, 2);
        const auto incidents = nlohmann::json::parse(detect.out.toStdString());
        const auto& deletion = incidents[1];
        QCOMPARE(str(deletion["kind"]), QStringLiteral("volume"));
        QCOMPARE(str(deletion["asset"]), QStringLiteral("proj.sales.orders"));
        QCOMPARE(str(deletion["detected_at"]), QStringLiteral("2026-11-04T07:00:00.000Z"));
        QCOMPARE(str(deletion["window_start"]), QStringLiteral("2026-11-03T07:00:00.000Z"));
        QCOMPARE(deletion["observed"].get<double>(), 42'880'000.0);
        QCOMPARE(deletion["expected"]["low"].get<double>(), 43'030'000.0);
        QCOMPARE(str(deletion["status"]), QStringLiteral("open"));
        QCOMPARE(str(deletion["severity"]), QStringLiteral("SEV-3"));
        QCOMPARE(str(incidents[0]["kind"]), QStringLiteral("test"));
        QCOMPARE(str(incidents[0]["detected_at"]), QStringLiteral("2026-10-25T06:00:00.000Z"));

        // Running again on the same data changes nothing.
        const Run again = runSightline({"detect", ws, "--json"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.out, QByteArray("[]\n"));
        const Run text = runSightline({"detect", ws});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.startsWith("Checked 1 asset: 0 new incidents (2 already known).\n"), text.out.constData());

        const Run list = runSightline({"incidents", ws, "--json"});
        QCOMPARE(list.exitCode, 0);
        checkContract(list.out, 2);
        const Run volume = runSightline({"incidents", ws, "--json", "--kind", "volume", "--status", "open"});
        QCOMPARE(volume.exitCode, 0);
        checkContract(volume.out, 1);
        const Run none = runSightline({"incidents", ws, "--json", "--status", "false_positive"});
        checkContract(none.out, 0);
        const Run table = runSightline({"incidents", ws});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("volume.deletion"), table.out.constData());
        QVERIFY(table.out.contains("150,000 rows"));
        QVERIFY(table.out.endsWith("2 incidents\n"));
    }

    void errors()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("ws.sightline"));
        writeHistory(ws);
        QCOMPARE(runSightline({"incidents", ws, "--status", "closed"}).exitCode, 1);
        QCOMPARE(runSightline({"incidents", ws, "--kind", "lateness"}).exitCode, 1);
        QCOMPARE(runSightline({"detect"}).exitCode, 1);
        const QString missing = dir.filePath(QStringLiteral("missing.sightline"));
        QCOMPARE(runSightline({"detect", missing}).exitCode, 3);
        QVERIFY(!QFileInfo::exists(missing));
        QCOMPARE(runSightline({"incidents", missing}).exitCode, 3);
        QFile notWorkspace(dir.filePath(QStringLiteral("x.json")));
        QVERIFY(notWorkspace.open(QIODevice::WriteOnly));
        notWorkspace.write("{}");
        notWorkspace.close();
        QCOMPARE(runSightline({"detect", notWorkspace.fileName()}).exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliDetect)
#include "tst_clidetect.moc"
