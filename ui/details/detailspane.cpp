#include "detailspane.h"

#include "common/kindstyle.h"
#include "lineage/lineagegraph.h"
#include "navigator/kindicon.h"
#include "store/workspace.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sightline::ui {

namespace {

constexpr int kKeyRole = Qt::UserRole + 1;

struct ColumnsResult
{
    QString key;
    QList<Column> columns;
    QString error;
};

QLabel* valueLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    // Wrap to the pane's width rather than asking for more.
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return label;
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

constexpr QChar kBreak(0x200B); // zero-width space: a place a long identifier may wrap

// Keys and names have no spaces; let them wrap after their separators instead of widening the
// pane.
QString breakable(const QString& identifier)
{
    QString out;
    out.reserve(identifier.size() + identifier.size() / 8);
    for (const QChar c : identifier) {
        out.append(c);
        if (c == u'.' || c == u':' || c == u'_' || c == u'/')
            out.append(kBreak);
    }
    return out;
}

QString orDash(const QString& text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

} // namespace

DetailsPane::DetailsPane(QWidget* parent)
    : QWidget(parent)
    , m_columnsJob(this)
    , m_content(new QWidget(this))
    , m_placeholder(new QLabel(tr("Select an asset to see its details."), this))
{
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(m_content);

    auto* box = new QVBoxLayout(m_content);
    auto* name = new QLabel(m_content);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    name->setWordWrap(true);
    name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont titleFont = name->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    name->setFont(titleFont);
    m_fields.insert(int(Field::Name), name);
    box->addWidget(name);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    const std::pair<Field, QString> rows[] = {
        {Field::Kind, tr("Kind")},
        {Field::Platform, tr("Platform")},
        {Field::Key, tr("Key")},
        {Field::Owner, tr("Owner")},
        {Field::Team, tr("Team")},
        {Field::Channel, tr("Alert channel")},
        {Field::Tags, tr("Tags")},
        {Field::Url, tr("URL")},
        {Field::Systems, tr("Reported by")},
        {Field::Description, tr("Description")},
    };
    for (const auto& [field, title] : rows) {
        auto* label = valueLabel(m_content);
        label->setObjectName(QStringLiteral("details_%1").arg(int(field)));
        if (field == Field::Url) {
            label->setTextFormat(Qt::RichText);
            label->setOpenExternalLinks(true);
        }
        m_fields.insert(int(field), label);
        form->addRow(title, label);
    }
    box->addLayout(form);

    m_columnsHeading = heading(tr("Columns"), m_content);
    box->addWidget(m_columnsHeading);
    m_columnsTree = new QTreeWidget(m_content);
    m_columnsTree->setColumnCount(3);
    m_columnsTree->setHeaderLabels({tr("Name"), tr("Type"), tr("Description")});
    m_columnsTree->setRootIsDecorated(false);
    m_columnsTree->setUniformRowHeights(true);
    m_columnsTree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_columnsTree->header()->setStretchLastSection(true);
    m_columnsTree->setMinimumHeight(120);
    m_columnsTree->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    box->addWidget(m_columnsTree);

    m_upstreamHeading = heading(tr("Upstream"), m_content);
    box->addWidget(m_upstreamHeading);
    m_upstream = makeNeighbourList();
    box->addWidget(m_upstream);
    m_downstreamHeading = heading(tr("Downstream"), m_content);
    box->addWidget(m_downstreamHeading);
    m_downstream = makeNeighbourList();
    box->addWidget(m_downstream);
    box->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_scroll);
    clear();
}

QListWidget* DetailsPane::makeNeighbourList()
{
    auto* list = new QListWidget(m_content);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->setMinimumHeight(60);
    list->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    connect(list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { Q_EMIT assetRequested(item->data(kKeyRole).toString()); });
    connect(list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { Q_EMIT assetRequested(item->data(kKeyRole).toString()); });
    return list;
}

void DetailsPane::setWorkspace(const QString& path, std::shared_ptr<const LineageGraph> graph)
{
    m_workspacePath = path;
    m_graph = std::move(graph);
    const QString key = m_key;
    clear();
    if (!key.isEmpty())
        showAsset(key);
}

void DetailsPane::clear()
{
    m_columnsJob.discard();
    m_key.clear();
    m_columns.clear();
    for (auto* label : std::as_const(m_fields))
        label->clear();
    m_columnsTree->clear();
    m_upstream->clear();
    m_downstream->clear();
    m_placeholder->setVisible(true);
    m_scroll->setVisible(false);
}

void DetailsPane::showAsset(const QString& key)
{
    const auto index = m_graph ? m_graph->indexOf(key) : LineageGraph::npos;
    if (index == LineageGraph::npos) {
        clear();
        return;
    }
    const Asset& a = m_graph->asset(index);
    m_key = key;
    m_placeholder->setVisible(false);
    m_scroll->setVisible(true);

    m_fields[int(Field::Name)]->setText(breakable(a.name.isEmpty() ? a.key : a.name));
    m_fields[int(Field::Kind)]->setText(kindLabel(a.kind));
    m_fields[int(Field::Kind)]->setStyleSheet(
        QStringLiteral("color: %1; font-weight: bold;").arg(kindColor(a.kind).name()));
    m_fields[int(Field::Platform)]->setText(orDash(a.platform));
    m_fields[int(Field::Key)]->setText(breakable(a.key));
    m_fields[int(Field::Key)]->setToolTip(a.key);
    m_fields[int(Field::Owner)]->setText(orDash(a.owner));
    m_fields[int(Field::Team)]->setText(orDash(a.team));
    m_fields[int(Field::Channel)]->setText(orDash(a.channel));
    m_fields[int(Field::Tags)]->setText(orDash(a.tags.join(QStringLiteral(", "))));
    m_fields[int(Field::Url)]->setText(
        a.url.isEmpty() ? QStringLiteral("—") : QStringLiteral("<a href=\"%1\">%1</a>").arg(a.url.toHtmlEscaped()));
    m_fields[int(Field::Systems)]->setText(orDash(a.systems.join(QStringLiteral(", "))));
    m_fields[int(Field::Description)]->setText(orDash(a.description));

    QList<qsizetype> up, down;
    for (auto i : m_graph->upstream(index))
        up.append(qsizetype(i));
    for (auto i : m_graph->downstream(index))
        down.append(qsizetype(i));
    fillNeighbours(m_upstream, m_upstreamHeading, tr("Upstream"), up);
    fillNeighbours(m_downstream, m_downstreamHeading, tr("Downstream"), down);

    m_columns.clear();
    m_columnsTree->clear();
    m_columnsHeading->setText(tr("Columns"));
    if (m_workspacePath.isEmpty())
        return;
    m_columnsJob.start(
        [path = m_workspacePath, key](const JobTracker::CancelPredicate& cancelled) {
            ColumnsResult result;
            result.key = key;
            if (cancelled())
                return result;
            try {
                auto workspace = Workspace::open(path, Workspace::OpenMode::ReadOnly);
                if (const auto asset = workspace->asset(key))
                    result.columns = asset->columns;
            } catch (const WorkspaceError& e) {
                result.error = e.message();
            } catch (const std::exception& e) {
                result.error = QString::fromUtf8(e.what());
            }
            return result;
        },
        [this](const ColumnsResult& result) {
            if (result.key != m_key)
                return;
            setColumns(result.columns);
            if (!result.error.isEmpty())
                m_columnsHeading->setText(tr("Columns (could not be read: %1)").arg(result.error));
            Q_EMIT columnsLoaded();
        });
}

void DetailsPane::setColumns(const QList<Column>& columns)
{
    m_columns = columns;
    m_columnsTree->clear();
    QList<QTreeWidgetItem*> items;
    items.reserve(columns.size());
    for (const auto& c : columns)
        items.append(new QTreeWidgetItem(QStringList {c.name, c.type, c.description}));
    m_columnsTree->addTopLevelItems(items);
    m_columnsHeading->setText(tr("Columns (%1)").arg(columns.size()));
    const int rowHeight = m_columnsTree->sizeHintForRow(0) > 0 ? m_columnsTree->sizeHintForRow(0) : 20;
    m_columnsTree->setFixedHeight(std::clamp(int(columns.size() + 1) * rowHeight + 8, 60, 320));
}

void DetailsPane::fillNeighbours(QListWidget* list, QLabel* headingLabel, const QString& title,
                                 const QList<qsizetype>& indices)
{
    list->clear();
    headingLabel->setText(QStringLiteral("%1 (%2)").arg(title).arg(indices.size()));
    for (auto i : indices) {
        const Asset& n = m_graph->asset(LineageGraph::Index(i));
        auto* item = new QListWidgetItem(kindIcon(n.kind), n.name.isEmpty() ? n.key : n.name, list);
        item->setData(kKeyRole, n.key);
        item->setToolTip(n.key);
    }
    const int rowHeight = list->sizeHintForRow(0) > 0 ? list->sizeHintForRow(0) : 20;
    list->setFixedHeight(std::clamp(int(indices.size()) * rowHeight + 8, 30, 240));
}

QString DetailsPane::fieldText(Field field) const
{
    const QLabel* label = m_fields.value(int(field));
    if (!label)
        return {};
    if (field == Field::Url)
        return m_key.isEmpty() || !m_graph ? QString() : m_graph->asset(m_graph->indexOf(m_key)).url;
    return label->text().remove(kBreak);
}

QStringList DetailsPane::keysOf(const QListWidget* list)
{
    QStringList keys;
    for (int i = 0; i < list->count(); ++i)
        keys.append(list->item(i)->data(kKeyRole).toString());
    return keys;
}

QStringList DetailsPane::upstreamKeys() const
{
    return keysOf(m_upstream);
}

QStringList DetailsPane::downstreamKeys() const
{
    return keysOf(m_downstream);
}

} // namespace sightline::ui
