#include "shortcutsheet.h"

#include "common/menuactions.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sightline::ui {

ShortcutSheet::ShortcutSheet(QWidget* window, const QList<Key>& viewKeys, QWidget* parent)
    : QDialog(parent ? parent : window)
    , m_filter(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutSheet"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    resize(620, 560);
    m_filter->setPlaceholderText(tr("Filter shortcuts"));
    m_filter->setClearButtonEnabled(true);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Action"), tr("Keys")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    QString section;
    QTreeWidgetItem* header = nullptr;
    for (const Key& key : collect(window, viewKeys)) {
        if (key.section != section || !header) {
            section = key.section;
            header = new QTreeWidgetItem(m_tree, {section});
            QFont bold = header->font(0);
            bold.setBold(true);
            header->setFont(0, bold);
            header->setFirstColumnSpanned(true);
            header->setFlags(Qt::ItemIsEnabled);
        }
        new QTreeWidgetItem(m_tree, {QStringLiteral("    ") + key.what, key.keys});
    }

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutSheet::refilter);
    m_filter->setFocus();
}

QList<ShortcutSheet::Key> ShortcutSheet::collect(QWidget* window, const QList<Key>& viewKeys)
{
    QList<Key> out;
    for (const MenuAction& m : menuActions(window)) {
        const QList<QKeySequence> keys = m.action->shortcuts();
        if (keys.isEmpty())
            continue;
        QStringList names;
        for (const QKeySequence& key : keys)
            names.append(key.toString(QKeySequence::NativeText));
        out.append({m.path, names.join(QStringLiteral(", ")), m.text});
    }
    out.append(viewKeys);
    return out;
}

void ShortcutSheet::refilter(const QString& text)
{
    // Section headers stay visible while any of their rows match.
    QTreeWidgetItem* header = nullptr;
    bool headerHasMatch = false;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_tree->topLevelItem(i);
        if (item->isFirstColumnSpanned()) {
            if (header)
                header->setHidden(!headerHasMatch);
            header = item;
            headerHasMatch = false;
            continue;
        }
        const bool match = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive)
            || item->text(1).contains(text, Qt::CaseInsensitive);
        item->setHidden(!match);
        headerHasMatch = headerHasMatch || match;
    }
    if (header)
        header->setHidden(!headerHasMatch);
}

} // namespace sightline::ui
