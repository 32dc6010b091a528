#include "incidentsdock.h"

#include "incidentspane.h"
#include "incidentwriter.h"

#include "mainwindow/mainwindow.h"
#include "store/changewatcher.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
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
