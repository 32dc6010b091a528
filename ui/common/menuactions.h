#pragma once

#include <QList>
#include <QString>

class QAction;
class QWidget;

namespace sightline::ui {

// One action of a window's menus and where it sits.
struct MenuAction
{
    QAction* action = nullptr;
    QString text; // the action's text without mnemonic ampersands
    QString path; // the menus it is in: "File › Recent"
};

// Every action in the menus of every menu bar under window, submenus included, in menu order.
// Separators and the entries that open submenus are left out: what is listed can be triggered.
// The command palette and the shortcut sheet both list the menus this way, so that they agree.
QList<MenuAction> menuActions(QWidget* window);

// An action's text as shown, without the ampersands that mark mnemonics ("&&" stays "&&").
QString plainActionText(const QAction* action);

} // namespace sightline::ui
