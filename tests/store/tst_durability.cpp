#include "annotations/annotationstore.h"
#include "incidents/incidentwriter.h"
#include "incidents/workflow.h"
#include "store/workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

namespace {

constexpr qint64 kNormal = 1;
constexpr qint64 kFull = 2;

// A workspace with one asset and one open incident.
QString workspaceWithIncident(const QTemporaryDir& dir)
{
    const QString path = dir.filePath("ws.sightline");
    auto ws = Workspace::open(path, Workspace::OpenMode::Create);
    ws->db().exec("INSERT INTO asset (key, kind, platform, name) VALUES ('proj.ds.orders', 'table', 'bigquery', "
                  "'orders')");
    ws->db().exec("INSERT INTO incident (detector, kind, asset_id, detected_at, window_start, window_end, "
                  "explanation) VALUES ('volume.drop', 'volume', 1, 1, 1, 1, 'fell')");
    return path;
}

} // namespace

// The connections that write what people type (incident triage, annotations) commit with
// synchronous = FULL: a power cut does not take the last edits. Everything else keeps the
// workspace's NORMAL (docs/reliability.md, "Workspace safety").
class TestDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workspaceDefaultIsNormal()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(workspaceWithIncident(dir), Workspace::OpenMode::ReadWrite);
        QCOMPARE(ws->db().queryInt("PRAGMA synchronous"), kNormal);
    }

    void workflowConnectionIsFull()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(workspaceWithIncident(dir), Workspace::OpenMode::ReadWrite);
        IncidentWorkflow workflow(ws->db(), QStringLiteral("ana"));
        QCOMPARE(ws->db().queryInt("PRAGMA synchronous"), kFull);
        QCOMPARE(workflow.acknowledge(1).size(), 1);
        QCOMPARE(workflow.comment(1, QStringLiteral("loader restarted")).size(), 1);
        QCOMPARE(ws->db().queryInt("PRAGMA synchronous"), kFull);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM incident_event"), 2);
    }

    void annotationConnectionIsFull()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(workspaceWithIncident(dir), Workspace::OpenMode::ReadWrite);
        AnnotationStore store(ws->db());
        QCOMPARE(ws->db().queryInt("PRAGMA synchronous"), kFull);
    }

    // SQLite refuses to change the setting inside a transaction: a workflow made inside the
    // caller's transaction works and leaves the setting alone.
    void insideATransaction()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(workspaceWithIncident(dir), Workspace::OpenMode::ReadWrite);
        {
            sql::Transaction tx(ws->db());
            IncidentWorkflow workflow(ws->db(), QStringLiteral("ana"));
            QCOMPARE(workflow.acknowledge(1).size(), 1);
            tx.commit();
        }
        QCOMPARE(ws->db().queryInt("PRAGMA synchronous"), kNormal);
        QCOMPARE(ws->db().queryInt("SELECT count(*) FROM incident WHERE status = 'acknowledged'"), 1);
    }

    // The GUI's incident writer: its own connection, on its worker thread.
    void writerConnectionIsFull()
    {
        QTemporaryDir dir;
        const QString path = workspaceWithIncident(dir);
        ui::IncidentWriter writer;
        writer.setWorkspace(path, QStringLiteral("ana"));
        qint64 level = -1;
        QString error = QStringLiteral("not done");
        QSignalSpy finished(&writer, &ui::IncidentWriter::finished);
        writer.submit(
            [&level](IncidentWorkflow& workflow) {
                level = workflow.db().queryInt("PRAGMA synchronous");
                return workflow.acknowledge(1);
            },
            [&error](const ui::IncidentWriter::Result& result) { error = result.error; });
        QVERIFY(finished.wait(10000));
        QCOMPARE(error, QString());
        QCOMPARE(level, kFull);
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
