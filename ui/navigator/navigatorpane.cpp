#include "navigatorpane.h"

#include "navigator/navigatorfiltermodel.h"
#include "navigator/navigatormodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace sightline::ui {

namespace {
// Above this many matches the tree stays collapsed below the datasets: expanding thousands of
// rows on every keystroke costs more than it helps.
constexpr int kExpandAllLimit = 400;
} // namespace

NavigatorPane::NavigatorPane(QWidget* parent)
    : QWidget(parent)
    , m_model(new NavigatorModel(this))
    , m_filter(new NavigatorFilterModel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_tree(new QTreeView(this))
{
    m_filter->setSourceModel(m_model);

    m_filterEdit->setObjectName(QStringLiteral("navigatorFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter by name, key, owner or tag (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &NavigatorPane::applyFilter);
    // Down from the filter box goes into the tree, as in a search field.
    m_filterEdit->installEventFilter(this);

    m_tree->setObjectName(QStringLiteral("navigatorTree"));
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->header()->setStretchLastSection(true);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        if (m_selecting)
            return;
        const QString key = current.data(NavigatorModel::AssetKeyRole).toString();
        if (!key.isEmpty())
            Q_EMIT assetSelected(key);
    });
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString key = index.data(NavigatorModel::AssetKeyRole).toString();
        if (!key.isEmpty())
            Q_EMIT assetActivated(key);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_tree);
}

void NavigatorPane::setAssets(QList<Asset> assets)
{
    m_model->setAssets(std::move(assets));
    expandDefault();
}

void NavigatorPane::clear()
{
    m_model->clear();
}

void NavigatorPane::expandDefault()
{
    if (m_filter->filterText().isEmpty()) {
        // Platforms and projects open: the datasets are the useful first level to scan.
        m_tree->expandToDepth(1);
    } else if (m_filter->rowCount() > 0) {
        int matches = 0;
        for (int r = 0; r < m_filter->rowCount(); ++r)
            matches += m_filter->index(r, 0).data(NavigatorModel::LeafCountRole).toInt();
        if (matches <= kExpandAllLimit)
            m_tree->expandAll();
        else
            m_tree->expandToDepth(1);
    }
}

void NavigatorPane::applyFilter(const QString& text)
{
    const QString selected = selectedAsset();
    m_filter->setFilterText(text);
    expandDefault();
    if (!selected.isEmpty())
        selectAsset(selected);
    m_tree->viewport()->update();
}

bool NavigatorPane::selectAsset(const QString& key)
{
    const QModelIndex proxy = m_filter->mapFromSource(m_model->indexForKey(key));
    if (!proxy.isValid())
        return false;
    m_selecting = true;
    for (QModelIndex p = proxy.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->selectionModel()->setCurrentIndex(proxy, QItemSelectionModel::ClearAndSelect);
    m_tree->scrollTo(proxy);
    m_selecting = false;
    return true;
}

QString NavigatorPane::selectedAsset() const
{
    return m_tree->currentIndex().data(NavigatorModel::AssetKeyRole).toString();
}

bool NavigatorPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_filterEdit && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Escape && !m_filterEdit->text().isEmpty()) {
            m_filterEdit->clear();
            return true;
        }
        if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
            m_tree->setFocus(Qt::TabFocusReason);
            if (!m_tree->currentIndex().isValid() && m_filter->rowCount() > 0)
                m_tree->setCurrentIndex(m_filter->index(0, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void NavigatorPane::focusFilter()
{
    m_filterEdit->setFocus(Qt::ShortcutFocusReason);
    m_filterEdit->selectAll();
}

} // namespace sightline::ui
