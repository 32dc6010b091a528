#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>

class QLineEdit;
class QTreeWidget;

namespace sightline::ui {

// F1 / '?': every keyboard shortcut of the window, by menu, plus the keys views handle
// themselves (j/k in the incident queue, +/- in the lineage view), with a filter.
class ShortcutSheet : public QDialog
{
    Q_OBJECT
public:
    struct Key
    {
        QString section;
        QString keys;
        QString what;
    };

    explicit ShortcutSheet(QWidget* window, const QList<Key>& viewKeys = {}, QWidget* parent = nullptr);

    // The rows shown: menu actions with a shortcut (section = menu path), then viewKeys.
    static QList<Key> collect(QWidget* window, const QList<Key>& viewKeys);

    QTreeWidget* tree() const
    {
        return m_tree;
    }

private:
    void refilter(const QString& text);
    QLineEdit* m_filter;
    QTreeWidget* m_tree;
};

} // namespace sightline::ui
