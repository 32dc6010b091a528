#pragma once

#include "core/asset.h"
#include "jobs/jobtracker.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QScrollArea;
class QTreeWidget;

namespace sightline {
class LineageGraph;
}

namespace sightline::ui {

// The right pane: everything the workspace knows about one asset, and its direct neighbours
// (click one to go there). Fields come from the in-memory graph at once; columns are read from
// the workspace in the background.
class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    enum class Field
    {
        Name,
        Kind,
        Platform,
        Key,
        Owner,
        Team,
        Channel,
        Tags,
        Url,
        Systems,
        Description,
    };

    explicit DetailsPane(QWidget* parent = nullptr);

    void setWorkspace(const QString& path, std::shared_ptr<const LineageGraph> graph);
    void showAsset(const QString& key);
    void clear();
    QString asset() const
    {
        return m_key;
    }

    // What the pane shows, as plain text (for tests and copy).
    QString fieldText(Field field) const;
    QStringList upstreamKeys() const;
    QStringList downstreamKeys() const;
    QList<Column> columns() const
    {
        return m_columns;
    }

Q_SIGNALS:
    void assetRequested(const QString& key);
    void columnsLoaded();

private:
    void setColumns(const QList<Column>& columns);
    QListWidget* makeNeighbourList();
    void fillNeighbours(QListWidget* list, QLabel* heading, const QString& title, const QList<qsizetype>& indices);
    static QStringList keysOf(const QListWidget* list);

    QString m_workspacePath;
    std::shared_ptr<const LineageGraph> m_graph;
    QString m_key;
    QList<Column> m_columns;
    JobTracker m_columnsJob;

    QScrollArea* m_scroll;
    QWidget* m_content;
    QLabel* m_placeholder;
    QHash<int, QLabel*> m_fields;
    QLabel* m_columnsHeading;
    QTreeWidget* m_columnsTree;
    QLabel* m_upstreamHeading;
    QListWidget* m_upstream;
    QLabel* m_downstreamHeading;
    QListWidget* m_downstream;
};

} // namespace sightline::ui
