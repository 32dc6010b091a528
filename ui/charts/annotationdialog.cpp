#include "annotationdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sightline::ui {

AnnotationDialog::AnnotationDialog(const QString& assetName, const QDateTime& at, QWidget* parent)
    : QDialog(parent)
    , m_at(at)
    , m_text(new QLineEdit(this))
    , m_exclude(new QCheckBox(tr("Exclude from training (the detectors ignore this time)"), this))
{
    setWindowTitle(tr("Add Annotation"));
    m_text->setObjectName(QStringLiteral("annotationText"));
    m_text->setMaxLength(500);
    m_text->setPlaceholderText(tr("What happened, e.g. \"planned backfill\""));
    m_exclude->setObjectName(QStringLiteral("excludeFromTraining"));

    auto* form = new QFormLayout;
    auto* asset = new QLabel(assetName, this);
    asset->setTextFormat(Qt::PlainText);
    form->addRow(tr("Asset:"), asset);
    form->addRow(tr("Time:"), new QLabel(at.toUTC().toString(QStringLiteral("yyyy-MM-dd hh:mm 'UTC'")), this));
    form->addRow(tr("Note:"), m_text);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setEnabled(false);
    connect(m_text, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_exclude);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString AnnotationDialog::text() const
{
    return m_text->text().trimmed();
}

bool AnnotationDialog::excludeFromTraining() const
{
    return m_exclude->isChecked();
}

} // namespace sightline::ui
