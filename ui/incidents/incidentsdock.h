#pragma once

class QMenu;

namespace sightline::ui {

class IncidentsPane;
class MainWindow;

// Adds the Incidents dock (tabbed with Impact) to the main window, with View > Incidents
// (Ctrl+Shift+A: show it and put the keyboard in the queue). It follows the window's workspace
// (loaded and refreshed), sends incident assets to the lineage view (l, or a link on the detail
// page), shows its messages in the status bar, and tells the window's change watcher that its
// own writes are not another process's.
IncidentsPane* installIncidentsDock(MainWindow* window, QMenu* viewMenu);

} // namespace sightline::ui
