#pragma once

#include "import/importrunner.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeView;

namespace sightline::ui {

class ImportResultModel;

// What the last import did, per file, in a window that stays open beside the main window:
// a headline, then one row per file (format and version, counts, status) whose warnings,
// error or skip reason unfold below it. Copy All puts the whole report on the clipboard as
// text; Ctrl+C (or the context menu) only the selected files.
class ImportResultsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportResultsDialog(QWidget* parent = nullptr);

    void setReport(const ImportReport& report, const QStringList& inputs, const QString& workspacePath);

    ImportResultModel* model() const
    {
        return m_model;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    QString headline() const;
    // Headline and every file, as text.
    QString allText() const;
    void copyAllToClipboard();
    // The selected file rows with their messages (all when none is selected).
    QString selectedText() const;
    void copyToClipboard();

private:
    void expandProblems();

    ImportResultModel* m_model;
    QLabel* m_icon;
    QLabel* m_headline;
    QLabel* m_workspace;
    QTreeView* m_view;
    QPushButton* m_copy;
};

} // namespace sightline::ui
