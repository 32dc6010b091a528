// LineageView's selector box and keyboard commands.
#include "lineagegroupitem.h"
#include "lineagenodeitem.h"
#include "lineageview.h"
#include "selectorbox.h"

#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace sightline::ui {

bool LineageView::setSelector(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (m_selectorBox->text() != text)
        m_selectorBox->setText(text);
    if (trimmed.isEmpty()) {
        m_selectorBox->clearError();
        if (!m_selection)
            return true;
        resetSelector();
        setAnchor(m_nodes.contains(m_focus) ? m_focus : QString());
        relayout();
        return true;
    }
    if (!m_graph)
        return false;
    SelectorLine line;
    try {
        line = parseSelectorLine(trimmed);
    } catch (const SelectorError& error) {
        // Report against what the user typed, leading blanks included.
        const qsizetype lead = text.indexOf(trimmed);
        m_selectorBox->showError(SelectorError(text, error.position() + std::max<qsizetype>(lead, 0), error.detail()));
        return false;
    }
    m_selectorBox->clearError();
    m_selectorText = trimmed;
    m_selection = selectAssets(*m_graph, line.include, line.exclude ? &*line.exclude : nullptr, m_selectorContext);
    m_overview = false;
    m_extra.clear();
    m_expandedGroups.clear();
    m_collapsedGroups.clear();
    setAnchor(m_nodes.contains(m_selected) ? m_selected : QString());
    relayout();
    return true;
}

bool LineageView::evaluateSelector()
{
    if (m_selectorText.isEmpty() || !m_graph) {
        m_selection.reset();
        return false;
    }
    try {
        const SelectorLine line = parseSelectorLine(m_selectorText);
        m_selection = selectAssets(*m_graph, line.include, line.exclude ? &*line.exclude : nullptr, m_selectorContext);
    } catch (const SelectorError&) {
        m_selection.reset(); // it parsed when it was set; cannot happen
    }
    return true;
}

void LineageView::resetSelector()
{
    m_selectorText.clear();
    m_selection.reset();
    m_selectorBox->clearError();
    m_selectorBox->setText(QString());
}

QString LineageView::selector() const
{
    return m_selectorText;
}

QString LineageView::selectorError() const
{
    return m_selectorBox->errorText();
}

SelectorBox* LineageView::selectorBox() const
{
    return m_selectorBox;
}

void LineageView::setSelectorContext(const SelectorContext& context)
{
    m_selectorContext = context;
    // status: selectors follow the incidents.
    if (m_selection && evaluateSelector())
        relayout();
}

void LineageView::setHealth(const QHash<QString, AssetHealth>& health)
{
    m_health = health;
    for (LineageNodeItem* node : std::as_const(m_nodes)) {
        const auto it = m_health.constFind(node->key());
        node->setHealth(it == m_health.cend() ? std::nullopt : std::optional<AssetHealth>(*it));
    }
    updateGroupHealth();
    m_legend->setVisible(!m_health.isEmpty());
    SelectorContext context;
    for (auto it = m_health.cbegin(); it != m_health.cend(); ++it)
        context.statusByKey.insert(it.key(), {statusName(it.value().status)});
    setSelectorContext(context);
}

void LineageView::updateGroupHealth()
{
    std::vector<qsizetype> count(m_groupOfNode.size(), 0);
    std::vector<Severity> worst(m_groupOfNode.size(), Severity::Sev4);
    if (m_graph) {
        for (auto it = m_health.cbegin(); it != m_health.cend(); ++it) {
            const LineageGraph::Index index = m_graph->indexOf(it.key());
            if (index >= m_nodeOfAsset.size() || m_nodeOfAsset[index] < 0)
                continue;
            const size_t node = size_t(m_nodeOfAsset[index]);
            if (node >= m_groupOfNode.size() || !m_groupOfNode[node])
                continue;
            ++count[node];
            worst[node] = std::min(worst[node], it.value().severity);
        }
    }
    for (size_t i = 0; i < m_groupOfNode.size(); ++i) {
        if (m_groupOfNode[i])
            m_groupOfNode[i]->setHealth(count[i], worst[i]);
    }
}

void LineageView::runCommand(LineageGraphicsView::Command command)
{
    using C = LineageGraphicsView::Command;
    const QString key = m_selected;
    switch (command) {
    case C::ExpandUpstream:
        return expandUpstream(key);
    case C::ExpandDownstream:
        return expandDownstream(key);
    case C::Hide:
        return hideAsset(key);
    case C::HideWithUpstream:
        return hideAsset(key, HideScope::WithUpstream);
    case C::HideWithDownstream:
        return hideAsset(key, HideScope::WithDownstream);
    case C::ShowHidden:
        return showHidden();
    case C::PathTo:
        if (!m_nodes.contains(key))
            return;
        m_pathFrom = key;
        setStatus(tr("Click the asset to show the path to (Escape cancels)"));
        return;
    case C::Cancel:
        if (!m_pathFrom.isEmpty()) {
            m_pathFrom.clear();
            setStatus(QString());
        } else if (!m_path.isEmpty()) {
            clearPath();
        }
        return;
    case C::Filter:
        m_filterButton->showMenu();
        return;
    case C::Overview:
        return showOverview();
    case C::Selector:
        m_selectorBox->lineEdit()->setFocus(Qt::ShortcutFocusReason);
        m_selectorBox->lineEdit()->selectAll();
        return;
    }
}

} // namespace sightline::ui
