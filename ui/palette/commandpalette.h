#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;

namespace sightline::ui {

// One thing the palette can do: run an action, jump to an asset or an incident.
struct PaletteEntry
{
    QString label;
    QString detail; // shown dimmed beside the label (asset key, incident summary, menu path)
    QString category; // "Action", "Asset", "Incident"
    QKeySequence shortcut;
    std::function<void()> run;
};

// Ctrl+K: type a few letters of anything, Enter runs the best match. Fuzzy: the letters must
// appear in order; matches at word starts and contiguous runs rank first.
class CommandPalette : public QDialog
{
    Q_OBJECT
public:
    explicit CommandPalette(QWidget* parent = nullptr);

    void setEntries(QList<PaletteEntry> entries);
    // Every enabled action with text in root's menus (and root's own actions), labelled with
    // its menu path, e.g. "File › Import…".
    static QList<PaletteEntry> actionEntries(QWidget* root);

    // -1: no match; otherwise higher is better.
    static int matchScore(QStringView query, QStringView text);

    static constexpr int kMaxShown = 200;

    QLineEdit* input() const
    {
        return m_input;
    }
    QListWidget* results() const
    {
        return m_results;
    }
    // Clears the query and shows the palette, centred over its parent.
    void open();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refilter();
    void runCurrent();

    QList<PaletteEntry> m_entries;
    QList<int> m_shown; // indices into m_entries, in display order
    QLineEdit* m_input;
    QListWidget* m_results;
    QLabel* m_hint;
};

} // namespace sightline::ui
