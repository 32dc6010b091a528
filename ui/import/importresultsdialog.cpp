#include "importresultsdialog.h"

#include "import/importresultmodel.h"
#include "import/importsummary.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace sightline::ui {

namespace {
// Files with more warnings than this stay folded: the count is in the row, the list a click away.
constexpr int kUnfoldWarningsUpTo = 5;
constexpr int kIconSize = 32;
} // namespace

ImportResultsDialog::ImportResultsDialog(QWidget* parent)
    : QDialog(parent)
    , m_model(new ImportResultModel(this))
    , m_icon(new QLabel(this))
    , m_headline(new QLabel(this))
    , m_workspace(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_copy(new QPushButton(tr("&Copy All"), this))
{
    setObjectName(QStringLiteral("importResults"));
    setWindowTitle(tr("Import Results"));
    setModal(false);
    setSizeGripEnabled(true);

    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_workspace->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_workspace->setForegroundRole(QPalette::PlaceholderText);
    m_icon->setAlignment(Qt::AlignTop);

    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setUniformRowHeights(true);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ImportResultModel::FileColumn, QHeaderView::Stretch);

    auto* copyAction = new QAction(tr("Copy"), m_view);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(copyAction, &QAction::triggered, this, &ImportResultsDialog::copyToClipboard);
    m_view->addAction(copyAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_copy->setObjectName(QStringLiteral("copyAll"));
    m_copy->setToolTip(tr("Copy the results of every file as text (Ctrl+C copies the selected files)"));
    connect(m_copy, &QPushButton::clicked, this, &ImportResultsDialog::copyAllToClipboard);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    auto* top = new QHBoxLayout;
    top->addWidget(m_icon);
    auto* texts = new QVBoxLayout;
    texts->addWidget(m_headline);
    texts->addWidget(m_workspace);
    top->addLayout(texts, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(920, 420);
    m_headline->setText(tr("Nothing imported in this session yet: File → Import… (Ctrl+I) or Import Folder… "
                           "(Ctrl+Shift+I), or drop files on the window."));
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(kIconSize));
}

void ImportResultsDialog::setReport(const ImportReport& report, const QStringList& inputs, const QString& workspacePath)
{
    const ImportSummary summary = summarize(report);
    setWindowTitle(summary.title);
    m_headline->setText(summary.headline);
    m_workspace->setText(tr("Workspace: %1").arg(workspacePath));
    m_workspace->setToolTip(workspacePath);
    const bool problem =
        report.outcome == ImportReport::Outcome::Failed || report.outcome == ImportReport::Outcome::Cancelled;
    m_icon->setPixmap(style()
                          ->standardIcon(problem ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation)
                          .pixmap(kIconSize));
    m_model->setReport(report, inputs);
    expandProblems();
}

void ImportResultsDialog::expandProblems()
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const auto status = ImportResultModel::Status(index.data(ImportResultModel::StatusRole).toInt());
        const int messages = m_model->rowCount(index);
        if (status == ImportResultModel::Status::Failed || (messages > 0 && messages <= kUnfoldWarningsUpTo))
            m_view->expand(index);
        for (int child = 0; child < messages; ++child)
            m_view->setFirstColumnSpanned(child, index, true);
    }
}

QString ImportResultsDialog::headline() const
{
    return m_headline->text();
}

QString ImportResultsDialog::allText() const
{
    return m_headline->text() + u'\n' + m_model->toText();
}

void ImportResultsDialog::copyAllToClipboard()
{
    QApplication::clipboard()->setText(allText());
}

QString ImportResultsDialog::selectedText() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const int row = index.parent().isValid() ? index.parent().row() : index.row();
        if (!rows.contains(row))
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    if (rows.isEmpty())
        return allText();
    return m_model->toText(rows);
}

void ImportResultsDialog::copyToClipboard()
{
    QApplication::clipboard()->setText(selectedText());
}

} // namespace sightline::ui
