#pragma once

#include "store/workspacebackups.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace sightline::ui {

// Says that a workspace is damaged (which file, what SQLite found) and offers to open one of the
// copies made before its upgrades, newest first and preselected. Opening a copy never touches the
// copy or the damaged file: the chosen backup is copied to restoreTarget() beside the damaged file
// and that copy is opened. Without any backup the dialog only explains (one Close button).
class DamagedWorkspaceDialog : public QDialog
{
    Q_OBJECT
public:
    // detail: what is wrong (WorkspaceError::detail()); restoreTarget: where the chosen copy goes
    // (restoredCopyPath() of the damaged file).
    DamagedWorkspaceDialog(const QString& path, const QString& detail, const QList<BackupInfo>& backups,
                           const QString& restoreTarget, QWidget* parent = nullptr);

    // The backup chosen in the list (the newest unless the user picked another); empty if none.
    QString selectedBackup() const;
    QString restoreTarget() const
    {
        return m_target;
    }
    QPushButton* openBackupButton() const
    {
        return m_openBackup;
    }
    QTreeWidget* backupList() const
    {
        return m_list;
    }

Q_SIGNALS:
    // The user chose to open a copy of backup at target (emitted before the dialog closes).
    void openBackupRequested(const QString& backup, const QString& target);

private:
    void updateChoice();

    QString m_target;
    QTreeWidget* m_list = nullptr;
    QLabel* m_choice = nullptr;
    QPushButton* m_openBackup = nullptr;
};

} // namespace sightline::ui
