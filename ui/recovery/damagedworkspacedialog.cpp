#include "damagedworkspacedialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace sightline::ui {

namespace {

enum Column
{
    FileColumn,
    MadeColumn,
    FormatColumn,
    ContentColumn,
};

QString counted(qint64 n, const QString& one, const QString& many)
{
    return n == 1 ? one : many.arg(QLocale().toString(n));
}

QString contents(const BackupInfo& backup)
{
    if (!backup.problem.isEmpty())
        return DamagedWorkspaceDialog::tr("cannot be read: %1").arg(backup.problem);
    QStringList parts {
        counted(backup.snapshots, DamagedWorkspaceDialog::tr("1 snapshot"), DamagedWorkspaceDialog::tr("%1 snapshots")),
        counted(backup.assets, DamagedWorkspaceDialog::tr("1 asset"), DamagedWorkspaceDialog::tr("%1 assets")),
    };
    if (backup.incidents >= 0)
        parts.append(counted(backup.incidents, DamagedWorkspaceDialog::tr("1 incident"),
                             DamagedWorkspaceDialog::tr("%1 incidents")));
    if (backup.incidentEvents >= 0)
        parts.append(counted(backup.incidentEvents, DamagedWorkspaceDialog::tr("1 triage event"),
                             DamagedWorkspaceDialog::tr("%1 triage events")));
    return parts.join(QStringLiteral(" · "));
}

QLabel* wrapped(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

DamagedWorkspaceDialog::DamagedWorkspaceDialog(const QString& path, const QString& detail,
                                               const QList<BackupInfo>& backups, const QString& restoreTarget,
                                               QWidget* parent)
    : QDialog(parent)
    , m_target(restoreTarget)
{
    setObjectName(QStringLiteral("damagedWorkspaceDialog"));
    setWindowTitle(tr("Cannot Open Workspace"));
    const QFileInfo file(path);

    auto* icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    auto* title = new QLabel(tr("%1 is damaged and cannot be opened.").arg(file.fileName()), this);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    title->setWordWrap(true);
    title->setObjectName(QStringLiteral("damagedTitle"));

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(wrapped(QDir::toNativeSeparators(file.absoluteFilePath()), this));
    auto* what = wrapped(tr("SQLite reports: %1").arg(detail.isEmpty() ? tr("the file is damaged") : detail), this);
    what->setObjectName(QStringLiteral("damagedDetail"));
    column->addWidget(what);
    column->addSpacing(8);

    auto* buttons = new QDialogButtonBox(this);
    const bool anyReadable =
        std::any_of(backups.begin(), backups.end(), [](const BackupInfo& b) { return b.problem.isEmpty(); });
    if (backups.isEmpty()) {
        column->addWidget(wrapped(tr("There is no backup of this workspace: Sightline makes one only before it "
                                     "upgrades a workspace to a newer format. The file is left as it is; restore it "
                                     "from your own backups, or import its sources into a new workspace."),
                                  this));
        buttons->addButton(QDialogButtonBox::Close);
    } else {
        column->addWidget(wrapped(backups.size() == 1
                                      ? tr("Sightline copied this workspace before upgrading it:")
                                      : tr("Sightline copied this workspace before each upgrade (newest first):"),
                                  this));
        m_list = new QTreeWidget(this);
        m_list->setObjectName(QStringLiteral("backupList"));
        m_list->setRootIsDecorated(false);
        m_list->setUniformRowHeights(true);
        m_list->setAllColumnsShowFocus(true);
        m_list->setHeaderLabels({tr("Backup"), tr("Made"), tr("Format"), tr("Contains")});
        for (const BackupInfo& backup : backups) {
            auto* item = new QTreeWidgetItem(m_list);
            item->setText(FileColumn, QFileInfo(backup.path).fileName());
            item->setText(MadeColumn, backup.madeAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
            item->setText(FormatColumn, backup.schemaVersion > 0 ? QString::number(backup.schemaVersion) : tr("?"));
            item->setText(ContentColumn, contents(backup));
            item->setData(FileColumn, Qt::UserRole, backup.path);
            item->setToolTip(FileColumn, QDir::toNativeSeparators(backup.path));
            if (!backup.problem.isEmpty())
                item->setFlags(item->flags() & ~(Qt::ItemIsSelectable | Qt::ItemIsEnabled));
        }
        m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        int width = 2 * m_list->frameWidth() + 4;
        for (int c = FileColumn; c <= ContentColumn; ++c) {
            m_list->resizeColumnToContents(c);
            width += m_list->columnWidth(c);
        }
        m_list->header()->setStretchLastSection(true);
        m_list->setMinimumWidth(std::min(width, 960));
        // As tall as its rows (up to six), so that one backup does not sit in an empty box.
        const int rows = int(std::min<qsizetype>(backups.size(), 6));
        const int rowHeight = std::max(m_list->sizeHintForRow(0), m_list->fontMetrics().height() + 4);
        m_list->setFixedHeight(m_list->header()->sizeHint().height() + rows * rowHeight + 2 * m_list->frameWidth() + 2);
        column->addWidget(m_list);

        m_choice = wrapped(QString(), this);
        m_choice->setObjectName(QStringLiteral("restoreExplanation"));
        column->addWidget(m_choice);

        m_openBackup = buttons->addButton(tr("Open Backup"), QDialogButtonBox::AcceptRole);
        m_openBackup->setObjectName(QStringLiteral("openBackupButton"));
        m_openBackup->setDefault(true);
        buttons->addButton(QDialogButtonBox::Cancel);
        for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
            if (m_list->topLevelItem(row)->flags() & Qt::ItemIsSelectable) {
                m_list->setCurrentItem(m_list->topLevelItem(row));
                break;
            }
        }
        m_openBackup->setEnabled(anyReadable);
        connect(m_list, &QTreeWidget::currentItemChanged, this, &DamagedWorkspaceDialog::updateChoice);
        connect(m_list, &QTreeWidget::itemActivated, this, [this] {
            if (!selectedBackup().isEmpty())
                accept();
        });
        updateChoice();
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::accepted, this, [this] {
        if (const QString backup = selectedBackup(); !backup.isEmpty())
            Q_EMIT openBackupRequested(backup, m_target);
    });

    column->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addSpacing(12);
    top->addLayout(column, 1);
    auto* outer = new QVBoxLayout(this);
    outer->addLayout(top);
    outer->addSpacing(6);
    outer->addWidget(buttons);
    // Wide enough for the list, and exactly as tall as the wrapped text needs at that width.
    const int dialogWidth = std::max(sizeHint().width(), 640);
    resize(dialogWidth, outer->hasHeightForWidth() ? outer->totalHeightForWidth(dialogWidth) : sizeHint().height());
}

QString DamagedWorkspaceDialog::selectedBackup() const
{
    if (!m_list || !m_list->currentItem() || !(m_list->currentItem()->flags() & Qt::ItemIsSelectable))
        return {};
    return m_list->currentItem()->data(FileColumn, Qt::UserRole).toString();
}

void DamagedWorkspaceDialog::updateChoice()
{
    const QString backup = selectedBackup();
    if (m_openBackup)
        m_openBackup->setEnabled(!backup.isEmpty());
    if (!m_choice)
        return;
    if (backup.isEmpty()) {
        m_choice->setText(tr("No backup can be read."));
        return;
    }
    m_choice->setText(tr("Open Backup copies %1 to a new file in the same folder, %2, and opens that copy; the "
                         "damaged file and the backup stay exactly as they are. Changes made after the backup was "
                         "taken are not in it.")
                          .arg(QFileInfo(backup).fileName(), QFileInfo(m_target).fileName()));
}

} // namespace sightline::ui
