#include "impactpanel.h"

#include "common/kindstyle.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sightline::ui {

namespace {

enum Column
{
    AssetColumn,
    KindColumn,
    OwnerColumn,
    TeamColumn,
    ChannelColumn,
    DistanceColumn,
    ColumnCount,
};

const QColor kUnowned(0xa1, 0x5c, 0x00);

} // namespace

ImpactPanel::ImpactPanel(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_channels(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
{
    m_summary->setWordWrap(true);
    m_channels->setWordWrap(true);
    m_channels->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Asset"), tr("Kind"), tr("Owner"), tr("Team"), tr("Channel"), tr("Steps")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(AssetColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_export->setEnabled(false);

    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_export);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(6, 6, 6, 6);
    column->addLayout(top);
    column->addWidget(m_channels);
    column->addWidget(m_tree, 1);

    connect(m_export, &QPushButton::clicked, this, &ImpactPanel::exportCsvInteractively);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString key = item->data(AssetColumn, Qt::UserRole).toString();
        if (!key.isEmpty())
            Q_EMIT assetActivated(key);
    });
    refresh();
}

void ImpactPanel::setGraph(std::shared_ptr<const LineageGraph> graph)
{
    m_graph = std::move(graph);
    refresh();
}

void ImpactPanel::setAsset(const QString& key)
{
    m_asset = key;
    refresh();
}

void ImpactPanel::refresh()
{
    m_tree->clear();
    m_rows = m_graph ? impactRows(*m_graph, m_asset) : ImpactRows {};
    const bool known = m_graph && m_graph->indexOf(m_asset) != LineageGraph::npos;
    m_export->setEnabled(known);
    if (!known) {
        m_summary->setText(tr("Select an asset to see what depends on it."));
        m_channels->clear();
        return;
    }
    const QLocale locale;
    m_summary->setText(
        tr("<b>%1</b>: %2 downstream assets, %3 without an owner")
            .arg(m_asset.toHtmlEscaped(), locale.toString(m_rows.rows.size()), locale.toString(m_rows.unowned.size())));
    m_channels->setText(m_rows.channels.isEmpty() ? tr("No alert channel downstream.")
                                                  : tr("Notify: %1").arg(m_rows.channels.join(QStringLiteral(", "))));
    QTreeWidgetItem* section = nullptr;
    QString current;
    qsizetype inSection = 0;
    const auto closeSection = [&] {
        if (section)
            section->setText(AssetColumn, QStringLiteral("%1 (%2)").arg(current, locale.toString(inSection)));
    };
    for (const ImpactRow& row : std::as_const(m_rows.rows)) {
        const QString group = impactGroup(row.asset.kind);
        if (!section || group != current) {
            closeSection();
            section = new QTreeWidgetItem(m_tree);
            current = group;
            inSection = 0;
            QFont bold = section->font(AssetColumn);
            bold.setBold(true);
            section->setFont(AssetColumn, bold);
            section->setFirstColumnSpanned(true);
            section->setExpanded(true);
        }
        ++inSection;
        auto* item = new QTreeWidgetItem(section);
        item->setText(AssetColumn, row.asset.name.isEmpty() ? row.asset.key : row.asset.name);
        item->setToolTip(AssetColumn, row.asset.key);
        item->setData(AssetColumn, Qt::UserRole, row.asset.key);
        item->setText(KindColumn, kindLabel(row.asset.kind));
        item->setForeground(KindColumn, kindColor(row.asset.kind));
        item->setText(OwnerColumn, row.unowned ? tr("⚠ no owner") : row.asset.owner);
        if (row.unowned)
            item->setForeground(OwnerColumn, kUnowned);
        item->setText(TeamColumn, row.asset.team);
        item->setText(ChannelColumn, row.asset.channel);
        item->setText(DistanceColumn, QString::number(row.distance));
        item->setTextAlignment(DistanceColumn, Qt::AlignRight | Qt::AlignVCenter);
    }
    closeSection();
}

bool ImpactPanel::exportCsv(const QString& path, QString* error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(impactCsv(m_rows)) < 0) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void ImpactPanel::exportCsvInteractively()
{
    const QString suggested = m_asset.section(u'.', -1).section(u':', -1) + QStringLiteral("-impact.csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export impact"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export impact"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace sightline::ui
