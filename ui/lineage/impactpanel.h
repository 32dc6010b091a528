#pragma once

#include "impactrows.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace sightline::ui {

// The impact of the selected asset: everything downstream, grouped into tables, models,
// dashboards and jobs, each with owner, team and alert channel; the distinct channels to notify
// on top; downstream assets without an owner flagged. Exports the list as CSV.
class ImpactPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ImpactPanel(QWidget* parent = nullptr);

    void setGraph(std::shared_ptr<const LineageGraph> graph);
    void setAsset(const QString& key);
    const ImpactRows& rows() const
    {
        return m_rows;
    }
    QTreeWidget* tree() const
    {
        return m_tree;
    }
    bool exportCsv(const QString& path, QString* error) const;

Q_SIGNALS:
    void assetActivated(const QString& key); // double click on a row

private:
    void refresh();
    void exportCsvInteractively();

    std::shared_ptr<const LineageGraph> m_graph;
    QString m_asset;
    ImpactRows m_rows;
    QLabel* m_summary;
    QLabel* m_channels;
    QTreeWidget* m_tree;
    QPushButton* m_export;
};

} // namespace sightline::ui
