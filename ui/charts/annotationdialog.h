#pragma once

#include <QDateTime>
#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace sightline::ui {

// Asks for the text of an annotation at a time, and whether its window is left out of training.
class AnnotationDialog : public QDialog
{
    Q_OBJECT
public:
    AnnotationDialog(const QString& assetName, const QDateTime& at, QWidget* parent = nullptr);

    QDateTime at() const
    {
        return m_at;
    }
    QString text() const;
    bool excludeFromTraining() const;

private:
    QDateTime m_at;
    QLineEdit* m_text;
    QCheckBox* m_exclude;
    QPushButton* m_ok;
};

} // namespace sightline::ui
