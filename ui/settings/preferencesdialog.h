#pragma once

#include "settings/appsettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace sightline::ui {

// Edit > Preferences (Ctrl+,): theme, lineage defaults, the user's display name and webhook URLs
// per alert channel. OK writes everything to AppSettings and applies the theme at once.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(AppSettings& settings, QWidget* parent = nullptr);

    // Empty when acceptable; otherwise why not. HTTPS only, except plain HTTP to this machine
    // (a local relay, and the tests' server).
    static QString webhookProblem(const QString& url);

    QComboBox* themeBox() const
    {
        return m_theme;
    }
    QSpinBox* upstreamBox() const
    {
        return m_upstream;
    }
    QSpinBox* downstreamBox() const
    {
        return m_downstream;
    }
    QComboBox* groupingBox() const
    {
        return m_grouping;
    }
    QLineEdit* displayNameEdit() const
    {
        return m_displayName;
    }
    QTableWidget* webhookTable() const
    {
        return m_webhooks;
    }

    void accept() override;

private:
    AppSettings& m_settings;
    QComboBox* m_theme;
    QSpinBox* m_upstream;
    QSpinBox* m_downstream;
    QComboBox* m_grouping;
    QLineEdit* m_displayName;
    QTableWidget* m_webhooks;
    QLabel* m_error;
};

} // namespace sightline::ui
