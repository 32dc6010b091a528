#include "incidentfixture.h"

#include "import/importerregistry.h"
#include "incidents/incidentqueuemodel.h"
#include "incidents/incidentspane.h"
#include "lineage/lineageview.h"
#include "mainwindow/mainwindow.h"
#include "store/workspace.h"

#include <QAction>
#include <QDockWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using namespace sightline::test;
using namespace sightline::ui;

// The Incidents dock in the main window: it follows the open workspace and sends an incident's
// asset to the lineage view.
class TestIncidentsDock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void followsTheWorkspaceAndFocusesLineage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("w.sightline");
        qint64 id = 0;
        {
            auto ws = Workspace::open(path, Workspace::OpenMode::Create);
            seedAssets(*ws);
            ws->db().exec("INSERT INTO edge (from_asset, to_asset) SELECT u.id, d.id FROM asset u, asset d "
                          "WHERE u.key = 'proj.ds.orders' AND d.key = 'proj.ds.revenue'");
            IncidentStore store(ws->db());
            store.record(makeIncident("proj.ds.users", "u"));
            id = store.record(makeIncident("proj.ds.revenue", "r", 1, Severity::Sev1)).id;
        }
        MainWindow window(std::make_shared<ImporterRegistry>());
        window.show();
        auto* pane = window.findChild<IncidentsPane*>("incidents");
        QVERIFY(pane);
        QVERIFY(window.findChild<QDockWidget*>("incidentsDock"));
        bool hasShortcut = false;
        for (QAction* a : window.findChildren<QAction*>())
            hasShortcut = hasShortcut || a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
        QVERIFY(hasShortcut);

        QSignalSpy loaded(pane, &IncidentsPane::queueLoaded);
        window.openWorkspace(path, "proj.ds.users");
        QVERIFY(loaded.wait(20000));
        QCOMPARE(pane->model()->rowCount(), 2);
        QCOMPARE(pane->currentId(), id); // SEV-1 first

        QTest::keyClick(pane->view(), Qt::Key_L);
        QTRY_COMPARE(window.lineage()->focusAsset(), QStringLiteral("proj.ds.revenue"));
    }
};

QTEST_MAIN(TestIncidentsDock)
#include "tst_incidentsdock.moc"
