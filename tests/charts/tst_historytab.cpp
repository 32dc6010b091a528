// The main window's hook-up: the History tab beside the lineage follows the selected asset.

#include "charts/assethistoryview.h"
#include "historyfixture.h"
#include "import/importerregistry.h"
#include "mainwindow/mainwindow.h"

#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace sightline;
using namespace sightline::ui;
using namespace sightline::test::history;

class TestHistoryTab : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsTheSelectedAsset();
};

void TestHistoryTab::followsTheSelectedAsset()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ws.sightline");
    QString error;
    QVERIFY2(buildWorkspace(path, dir.path(), &error), qPrintable(error));

    auto registry = std::make_shared<ImporterRegistry>();
    registry->loadPlugins(test::pluginDir());
    MainWindow window(registry);
    auto* history = window.findChild<AssetHistoryView*>(QStringLiteral("history"));
    QVERIFY(history);
    QSignalSpy loaded(history, &AssetHistoryView::historyLoaded);
    QSignalSpy opened(&window, &MainWindow::workspaceLoaded);
    window.show();
    window.openWorkspace(path, kTable);
    QVERIFY(opened.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(history->asset(), kTable, 20000);
    QVERIFY(loaded.wait(20000) || history->history()->assetKey == kTable);
    QTRY_COMPARE(history->history()->rows.size(), qsizetype(kDays));

    auto* tabs = qobject_cast<QTabWidget*>(history->parentWidget()->parentWidget());
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(tabs->indexOf(history)), QStringLiteral("History"));
    tabs->setCurrentWidget(history);
    QCoreApplication::processEvents();
    const QString png = qEnvironmentVariable("SIGHTLINE_CHARTS_PNG");
    if (!png.isEmpty())
        QVERIFY(window.grab().save(png + QStringLiteral("/mainwindow-history.png")));
}

QTEST_MAIN(TestHistoryTab)
#include "tst_historytab.moc"
