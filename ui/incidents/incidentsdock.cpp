#include "incidentsdock.h"

#include "detectionrunner.h"
#include "incidentdetailpage.h"
#include "incidentspane.h"
#include "incidentwriter.h"

#include "mainwindow/mainwindow.h"
#include "store/changewatcher.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>

namespace sightline::ui {

IncidentsPane* installIncidentsDock(MainWindow* window, QMenu* viewMenu)
{
    auto* dock = new QDockWidget(MainWindow::tr("Incidents"), window);
    dock->setObjectName(QStringLiteral("incidentsDock"));
    auto* pane = new IncidentsPane(dock);
    pane->setObjectName(QStringLiteral("incidents"));
    dock->setWidget(pane);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                      | QDockWidget::DockWidgetFloatable);
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    if (auto* impact = window->findChild<QDockWidget*>(QStringLiteral("impactDock"))) {
        window->tabifyDockWidget(impact, dock);
        impact->raise();
    }

    QAction* show = dock->toggleViewAction();
    show->setText(MainWindow::tr("Show I&ncidents"));
    viewMenu->addAction(show);
    auto* focus = new QAction(MainWindow::tr("Triage &Incidents"), window);
    focus->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    viewMenu->addAction(focus);
    QObject::connect(focus, &QAction::triggered, dock, [dock, pane] {
        dock->show();
        dock->raise();
        pane->view()->setFocus(Qt::ShortcutFocusReason);
    });

    // The Incidents menu sits between View and Help (the window adds Help after this).
    QMenu* menu = window->menuBar()->addMenu(MainWindow::tr("&Incidents"));
    menu->setObjectName(QStringLiteral("incidentsMenu"));
    menu->addAction(focus);
    auto* runner = new DetectionRunner(window);
    runner->setObjectName(QStringLiteral("detectionRunner"));
    auto* detect = menu->addAction(MainWindow::tr("Run &Detection"));
    detect->setObjectName(QStringLiteral("runDetection"));
    detect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    detect->setStatusTip(MainWindow::tr("Judge every asset's history and add the new incidents to the queue"));
    QObject::connect(detect, &QAction::triggered, runner, [window, runner] { runner->run(window->workspacePath()); });
    QObject::connect(runner, &DetectionRunner::finished, window,
                     [window, pane, dock](int added, bool, const QString& error, const QString& message) {
                         window->statusBar()->showMessage(message, error.isEmpty() ? 10000 : 0);
                         if (window->changeWatcher())
                             window->changeWatcher()->resync();
                         if (added > 0) {
                             dock->show();
                             dock->raise();
                         }
                         pane->reload();
                     });
    auto* notify = menu->addAction(MainWindow::tr("&Notify About Incident…"));
    notify->setObjectName(QStringLiteral("notifyIncident"));
    QObject::connect(notify, &QAction::triggered, pane, [pane] { pane->notifyIncident(pane->currentId()); });
    auto* train = menu->addAction(MainWindow::tr("&Train as New Normal from Incident…"));
    train->setObjectName(QStringLiteral("trainAsNewNormal"));
    QObject::connect(train, &QAction::triggered, pane, [pane] { pane->detail()->trainAsNewNormal(); });
    QObject::connect(pane, &IncidentsPane::workspaceWritten, window, [window] {
        if (window->changeWatcher())
            window->changeWatcher()->resync();
    });

    const auto follow = [window, pane] {
        if (window->graph())
            pane->setWorkspace(window->workspacePath(), window->graph());
    };
    QObject::connect(window, &MainWindow::workspaceLoaded, pane, follow);
    QObject::connect(pane, &IncidentsPane::assetActivated, window, &MainWindow::selectAsset);
    QObject::connect(pane, &IncidentsPane::statusMessage, window, [window](const QString& text, int timeoutMs) {
        if (text.isEmpty())
            window->statusBar()->clearMessage();
        else
            window->statusBar()->showMessage(text, timeoutMs);
    });
    QObject::connect(pane->writer(), &IncidentWriter::finished, window, [window] {
        if (window->changeWatcher())
            window->changeWatcher()->resync();
    });
    return pane;
}

} // namespace sightline::ui
