#include "menuactions.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>

namespace sightline::ui {

namespace {
void collect(QMenu* menu, const QString& path, QList<MenuAction>& out)
{
    for (QAction* action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (QMenu* sub = action->menu()) {
            collect(sub, path + QStringLiteral(" › ") + plainActionText(action), out);
            continue;
        }
        out.append({action, plainActionText(action), path});
    }
}
} // namespace

QList<MenuAction> menuActions(QWidget* window)
{
    QList<MenuAction> out;
    const auto bars = window->findChildren<QMenuBar*>();
    for (QMenuBar* bar : bars) {
        for (QAction* top : bar->actions()) {
            if (QMenu* menu = top->menu())
                collect(menu, plainActionText(top), out);
        }
    }
    return out;
}

QString plainActionText(const QAction* action)
{
    QString text = action->text();
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    return text;
}

} // namespace sightline::ui
