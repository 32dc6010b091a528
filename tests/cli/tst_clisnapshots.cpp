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

    void removesASnapshot()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("ws.sightline");
        const QString older = sightline::test::sharedData(
            "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.9.json");
        const QString newer = sightline::test::sharedData(
            "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json");
        QCOMPARE(runSightline({"import", ws, older}).exitCode, 0);
        const auto before = runSightline({"assets", ws, "--json"});
        QCOMPARE(runSightline({"import", ws, newer}).exitCode, 0);

        const auto removed = runSightline({"snapshots", ws, "--remove", "2", "--json"});
        QCOMPARE(removed.exitCode, 0);
        const auto object = QJsonDocument::fromJson(removed.out).object();
        QCOMPARE(object.value("removed").toInt(), 2);
        QVERIFY(object.value("assets").toInt() > 0);
        QVERIFY(object.value("unretired_assets").toInt() > 0);
        // The current assets are those of the older manifest again.
        QCOMPARE(runSightline({"assets", ws, "--json"}).out, before.out);

        const auto list = runSightline({"snapshots", ws, "--json"});
        QCOMPARE(QJsonDocument::fromJson(list.out).array().size(), 1);

        const auto text = runSightline({"snapshots", ws, "--remove", "1"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.startsWith("Removed snapshot 1: "), text.out.constData());
        QVERIFY(runSightline({"snapshots", ws}).out.contains("Nothing imported"));
    }

    void errors()
    {
        QTemporaryDir dir;
        QCOMPARE(runSightline({"snapshots"}).exitCode, 1);
        QCOMPARE(runSightline({"snapshots", dir.filePath("missing.sightline")}).exitCode, 3);
        QVERIFY(!QFile::exists(dir.filePath("missing.sightline")));
        QCOMPARE(runSightline({"snapshots", dir.filePath("missing.sightline"), "--remove", "1"}).exitCode, 3);
        QVERIFY(!QFile::exists(dir.filePath("missing.sightline")));

        const QString ws = dir.filePath("ws.sightline");
        const QString manifest = sightline::test::sharedData(
            "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json");
        QCOMPARE(runSightline({"import", ws, manifest}).exitCode, 0);
        const auto unknown = runSightline({"snapshots", ws, "--remove", "9"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no snapshot with id 9"), unknown.err.constData());
        QCOMPARE(runSightline({"snapshots", ws, "--remove", "x"}).exitCode, 1);
        QCOMPARE(QJsonDocument::fromJson(runSightline({"snapshots", ws, "--json"}).out).array().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliSnapshots)
#include "tst_clisnapshots.moc"
