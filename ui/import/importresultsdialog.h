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
// error or skip reason unfold below it. Copy puts the selected files (or all) on the clipboard
// as text.
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
    // The text copyToClipboard() puts there: the selected file rows, or all of them.
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
