#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace sightline {
class SelectorError;
} // namespace sightline

namespace sightline::ui {

// The lineage view's selector line: dbt's selection syntax ("+fct_orders+", "tag:nightly,
// platform:looker", "@stg_x --exclude kind:seed") typed in one box; Return applies it, an empty
// box goes back to the focused view. A selector that does not parse is reported under the box,
// with the offending character marked there and selected in the box, and nothing else changes.
class SelectorBox : public QWidget
{
    Q_OBJECT
public:
    explicit SelectorBox(QWidget* parent = nullptr);

    QLineEdit* lineEdit() const
    {
        return m_edit;
    }
    QString text() const;
    void setText(const QString& text);
    void showError(const sightline::SelectorError& error);
    void clearError();
    // The error shown, as plain text ("" when none).
    QString errorText() const;
    // The 1-based character the shown error points at (0 when none).
    qsizetype errorPosition() const
    {
        return m_errorPosition;
    }

Q_SIGNALS:
    void submitted(const QString& text);

private:
    QLineEdit* m_edit;
    QLabel* m_error;
    QString m_errorText;
    qsizetype m_errorPosition = 0;
};

} // namespace sightline::ui
