#include "welcomepage.h"

#include <QApplication>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace sightline::ui {

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_demo(new QPushButton(tr("Open the &demo estate"), this))
    , m_import(new QPushButton(tr("&Import dbt, OpenLineage, BigQuery or Looker files…"), this))
    , m_open(new QPushButton(tr("&Open a workspace…"), this))
    , m_recent(new QListWidget(this))
    , m_recentLabel(new QLabel(tr("Recent workspaces"), this))
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* title = new QLabel(tr("Welcome to Sightline"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    title->setFont(big);
    auto* intro = new QLabel(tr("Is it real, where did it start, and who is hit downstream? Import your metadata "
                                "snapshots, or explore a demo used-car marketplace with 60 days of history."),
                             this);
    intro->setWordWrap(true);
    m_demo->setDefault(true);
    m_demo->setToolTip(tr("A dbt + BigQuery + Looker estate with realistic incidents"));
    m_import->setToolTip(tr("Files or folders; a new workspace is created for them (Ctrl+I)"));
    m_open->setToolTip(tr("A .sightline workspace file (Ctrl+O)"));

    m_recent->setObjectName(QStringLiteral("recentWorkspaces"));
    m_recent->setMaximumHeight(180);

    auto* column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(16);
    for (QPushButton* button : {m_demo, m_import, m_open}) {
        button->setMinimumHeight(36);
        column->addWidget(button);
    }
    column->addSpacing(16);
    column->addWidget(m_recentLabel);
    column->addWidget(m_recent);

    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto* middle = new QVBoxLayout;
    middle->addStretch(1);
    middle->addLayout(column);
    middle->addStretch(2);
    outer->addLayout(middle, 3);
    outer->addStretch(1);

    connect(m_demo, &QPushButton::clicked, this, &WelcomePage::openDemoRequested);
    connect(m_import, &QPushButton::clicked, this, &WelcomePage::importRequested);
    connect(m_open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { Q_EMIT recentRequested(item->data(Qt::UserRole).toString()); });
    m_recentLabel->setVisible(false);
    m_recent->setVisible(false);
}

void WelcomePage::setRecentWorkspaces(const QStringList& paths)
{
    m_recent->clear();
    for (const QString& path : paths) {
        const QFileInfo info(path);
        auto* item = new QListWidgetItem(info.fileName() + QStringLiteral("  —  ") + info.absolutePath(), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    const bool any = !paths.isEmpty();
    m_recent->setVisible(any);
    m_recentLabel->setVisible(any);
    if (any)
        m_recent->setCurrentRow(0);
}

} // namespace sightline::ui
