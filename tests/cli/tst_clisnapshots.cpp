#include "testutil.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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
} // namespace

class TestCliSnapshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsWhatWasImported()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("ws.sightline");
        const QString manifest = sightline::test::sharedData(
            "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json");
        QCOMPARE(runSightline({"import", ws, manifest}).exitCode, 0);

        const auto text = runSightline({"snapshots", ws});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("dbt:jaffle_shop"), text.out.constData());
        QVERIFY(text.out.contains("1 snapshot"));

        const auto json = runSightline({"snapshots", ws, "--json"});
        QCOMPARE(json.exitCode, 0);
        const auto array = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(array.size(), 1);
        const auto s = array.first().toObject();
        QCOMPARE(s.value("format").toString(), QStringLiteral("dbt-manifest"));
        // metadata.generated_at of the file: data time, not the wall clock
        QCOMPARE(s.value("captured_at").toString(), QStringLiteral("2026-08-10T07:03:39.506Z"));
        QCOMPARE(s.value("assets").toInt(), 25); // sink calls; 19 distinct assets (a seed and its source share a table)
        QCOMPARE(s.value("edges").toInt(), 17);
        QCOMPARE(s.value("sources").toArray(), QJsonArray({"dbt:jaffle_shop"}));
    }

    void errors()
    {
        QTemporaryDir dir;
        QCOMPARE(runSightline({"snapshots"}).exitCode, 1);
        QCOMPARE(runSightline({"snapshots", dir.filePath("missing.sightline")}).exitCode, 3);
        QVERIFY(!QFile::exists(dir.filePath("missing.sightline")));
    }
};

QTEST_GUILESS_MAIN(TestCliSnapshots)
#include "tst_clisnapshots.moc"
