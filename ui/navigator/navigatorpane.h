#pragma once

#include "core/asset.h"

#include <QWidget>

class QLineEdit;
class QTreeView;

namespace sightline::ui {

class NavigatorModel;
class NavigatorFilterModel;

// The left pane: a filter box above the asset tree. Says which asset the user selected (single
// click, arrow keys) and which one they activated (Enter, double-click).
class NavigatorPane : public QWidget
{
    Q_OBJECT
public:
    explicit NavigatorPane(QWidget* parent = nullptr);

    void setAssets(QList<Asset> assets);
    void clear();
    // Selects the asset, expanding its groups and scrolling to it, without a selection signal
    // loop; returns false if it is not in the tree (or filtered out).
    bool selectAsset(const QString& key);
    QString selectedAsset() const;
    void focusFilter();

    NavigatorModel* model() const
    {
        return m_model;
    }
    NavigatorFilterModel* filterModel() const
    {
        return m_filter;
    }
    QTreeView* treeView() const
    {
        return m_tree;
    }
    QLineEdit* filterEdit() const
    {
        return m_filterEdit;
    }

Q_SIGNALS:
    void assetSelected(const QString& key);
    void assetActivated(const QString& key);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyFilter(const QString& text);
    void expandDefault();

    NavigatorModel* m_model;
    NavigatorFilterModel* m_filter;
    QLineEdit* m_filterEdit;
    QTreeView* m_tree;
    bool m_selecting = false;
};

} // namespace sightline::ui
