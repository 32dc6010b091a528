#include "commandpalette.h"

#include "common/menuactions.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace sightline::ui {

namespace {
bool isWordStart(QStringView text, qsizetype i)
{
    return i == 0 || !text.at(i - 1).isLetterOrNumber() || (text.at(i).isUpper() && text.at(i - 1).isLower());
}
} // namespace

CommandPalette::CommandPalette(QWidget* parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint)
    , m_input(new QLineEdit(this))
    , m_results(new QListWidget(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    setMinimumWidth(560);
    m_input->setPlaceholderText(tr("Run a command, or go to an asset or incident…"));
    m_input->setClearButtonEnabled(true);
    m_input->installEventFilter(this);
    m_results->setUniformItemSizes(true);
    m_results->setFocusPolicy(Qt::NoFocus);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(tr("↑↓ to choose · Enter to run · Esc to close"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_input);
    layout->addWidget(m_results);
    layout->addWidget(m_hint);
    connect(m_input, &QLineEdit::textChanged, this, &CommandPalette::refilter);
    connect(m_results, &QListWidget::itemActivated, this, [this] { runCurrent(); });
}

void CommandPalette::setEntries(QList<PaletteEntry> entries)
{
    m_entries = std::move(entries);
    refilter();
}

QList<PaletteEntry> CommandPalette::actionEntries(QWidget* root)
{
    QList<PaletteEntry> out;
    for (const MenuAction& m : menuActions(root)) {
        if (!m.action->isEnabled() || m.action->text().isEmpty())
            continue;
        QAction* target = m.action;
        out.append({m.text, m.path, QStringLiteral("Action"), target->shortcut(), [target] { target->trigger(); }});
    }
    return out;
}

namespace {
// Greedy match of query in text starting at position start; -1 when the letters run out.
int greedyScore(QStringView query, QStringView text, qsizetype start)
{
    int score = 0;
    qsizetype t = start;
    qsizetype previous = -2;
    for (const QChar q : query) {
        if (q.isSpace())
            continue;
        const QChar lower = q.toLower();
        while (t < text.size() && text.at(t).toLower() != lower)
            ++t;
        if (t == text.size())
            return -1;
        score += 1;
        if (t == previous + 1)
            score += 5; // contiguous run
        if (isWordStart(text, t))
            score += 8;
        previous = t;
        ++t;
    }
    return score;
}
} // namespace

int CommandPalette::matchScore(QStringView query, QStringView text)
{
    const QString trimmed = query.trimmed().toString();
    if (trimmed.isEmpty())
        return 0;
    // Try every place the first letter occurs: "rev" should find "revenue", not the r of "mart".
    const QChar first = trimmed.at(0).toLower();
    int best = -1;
    for (qsizetype start = 0; start < text.size(); ++start) {
        if (text.at(start).toLower() == first)
            best = std::max(best, greedyScore(trimmed, text, start));
    }
    if (best < 0)
        return -1;
    // Prefer shorter texts for equal matches: "Import…" before "Import Folder…".
    return best * 100 - int(std::min<qsizetype>(text.size(), 99));
}

void CommandPalette::open()
{
    m_input->clear();
    refilter();
    if (QWidget* p = parentWidget()) {
        const QRect area = p->window()->geometry();
        resize(std::max(minimumWidth(), area.width() / 2), std::min(420, area.height() * 2 / 3));
        move(area.center().x() - width() / 2, area.top() + area.height() / 6);
    }
    show();
    raise();
    activateWindow();
    m_input->setFocus();
}

void CommandPalette::refilter()
{
    const QString query = m_input->text().trimmed();
    QList<std::pair<int, int>> scored; // (score, index)
    for (int i = 0; i < m_entries.size(); ++i) {
        const auto& entry = m_entries.at(i);
        int score = matchScore(query, entry.label);
        if (score < 0 && !entry.detail.isEmpty())
            score = matchScore(query, entry.detail) - 50; // a match in the detail ranks lower
        if (score >= 0 || query.isEmpty())
            scored.append({query.isEmpty() ? 0 : score, i});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (scored.size() > kMaxShown)
        scored.resize(kMaxShown);

    m_results->clear();
    m_shown.clear();
    for (const auto& [score, index] : scored) {
        const auto& entry = m_entries.at(index);
        QString text = entry.label;
        if (!entry.detail.isEmpty())
            text += QStringLiteral("    — ") + entry.detail;
        if (!entry.shortcut.isEmpty())
            text += QStringLiteral("    [") + entry.shortcut.toString(QKeySequence::NativeText) + u']';
        auto* item = new QListWidgetItem(QStringLiteral("%1  ").arg(entry.category, -8) + text, m_results);
        item->setToolTip(text);
        m_shown.append(index);
    }
    if (m_results->count() > 0)
        m_results->setCurrentRow(0);
}

void CommandPalette::runCurrent()
{
    const int row = m_results->currentRow();
    if (row < 0 || row >= m_shown.size())
        return;
    const auto run = m_entries.at(m_shown.at(row)).run;
    hide();
    if (run)
        run();
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const int count = m_results->count();
        switch (key->key()) {
        case Qt::Key_Down:
            if (count > 0)
                m_results->setCurrentRow((m_results->currentRow() + 1) % count);
            return true;
        case Qt::Key_Up:
            if (count > 0)
                m_results->setCurrentRow((m_results->currentRow() - 1 + count) % count);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runCurrent();
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace sightline::ui
