#include "selectorbox.h"

#include "lineage/selector.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace sightline::ui {

SelectorBox::SelectorBox(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("selectorEdit"));
    m_edit->setPlaceholderText(
        tr("Select (Ctrl+L): +fct_orders+   tag:nightly,platform:bigquery   @stg_x --exclude kind:seed"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(tr("dbt selector syntax: name, +name, name+, 2+name+1, @name, tag:/owner:/team:/channel:/"
                          "platform:/kind:/dataset:/status:, * wildcards; space = union, comma = intersection, "
                          "--exclude. Return applies; empty shows the focused asset again."));
    m_error->setObjectName(QStringLiteral("selectorError"));
    m_error->setTextFormat(Qt::RichText);
    m_error->setWordWrap(true);
    m_error->setVisible(false);

    auto* label = new QLabel(tr("&Select"), this);
    label->setBuddy(m_edit);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    row->addWidget(m_edit, 1);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(6, 0, 6, 4);
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(m_error);

    connect(m_edit, &QLineEdit::returnPressed, this, [this] { Q_EMIT submitted(m_edit->text()); });
    // Editing after an error: the message stays until the next attempt, but no longer claims a
    // character that may have moved.
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        if (m_errorPosition > 0)
            m_edit->setStyleSheet(QString());
    });
}

QString SelectorBox::text() const
{
    return m_edit->text();
}

void SelectorBox::setText(const QString& text)
{
    m_edit->setText(text);
}

void SelectorBox::showError(const SelectorError& error)
{
    const QString text = error.selector();
    const qsizetype at = std::clamp<qsizetype>(error.position() - 1, 0, text.size());
    m_errorPosition = error.position();
    m_errorText = tr("Selector error at character %1: %2").arg(error.position()).arg(error.detail());
    // The selector again, in a fixed font, with the offending character (or the place where
    // something is missing) marked.
    const QString before = text.left(at).toHtmlEscaped();
    const QString bad = at < text.size() ? text.mid(at, 1).toHtmlEscaped() : QStringLiteral("&nbsp;");
    const QString after = at < text.size() ? text.mid(at + 1).toHtmlEscaped() : QString();
    m_error->setText(
        QStringLiteral("<span style=\"color:#b3261e\">%1</span><br><code>%2<span "
                       "style=\"background:#f4b8b4;color:#7a0e08;text-decoration:underline\">%3</span>%4</code>")
            .arg(m_errorText.toHtmlEscaped(), before, bad, after));
    m_error->setVisible(true);
    m_edit->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #b3261e; }"));
    if (m_edit->text() == text && at < text.size())
        m_edit->setSelection(int(at), 1);
    else if (m_edit->text() == text)
        m_edit->setCursorPosition(int(at));
}

void SelectorBox::clearError()
{
    m_errorText.clear();
    m_errorPosition = 0;
    m_error->clear();
    m_error->setVisible(false);
    m_edit->setStyleSheet(QString());
}

QString SelectorBox::errorText() const
{
    return m_errorText;
}

} // namespace sightline::ui
