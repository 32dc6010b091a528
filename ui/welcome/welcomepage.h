#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace sightline::ui {

// What Sightline shows when started without a workspace: open the demo, import files, create or
// open a workspace, or reopen a recent one (double-click or Enter).
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);

    void setRecentWorkspaces(const QStringList& paths);

    QPushButton* demoButton() const
    {
        return m_demo;
    }
    QPushButton* importButton() const
    {
        return m_import;
    }
    QPushButton* openButton() const
    {
        return m_open;
    }
    QListWidget* recentList() const
    {
        return m_recent;
    }

Q_SIGNALS:
    void openDemoRequested();
    void importRequested();
    void openRequested();
    void recentRequested(const QString& path);

private:
    QPushButton* m_demo;
    QPushButton* m_import;
    QPushButton* m_open;
    QListWidget* m_recent;
    QLabel* m_recentLabel;
};

} // namespace sightline::ui
