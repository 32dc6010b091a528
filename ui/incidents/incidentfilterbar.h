#pragma once

#include "incidentqueueproxy.h"

#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QTimer;

namespace sightline::ui {

// The filters above the queue: status (default "needs attention"), severity, kind, team/owner,
// platform, time range (relative to data time), grouping and a text search; each choice shows how
// many incidents it would give.
class IncidentFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit IncidentFilterBar(QWidget* parent = nullptr);

    // The teams and platforms to offer, and "now" for the time ranges.
    void setChoices(const QStringList& teams, const QStringList& platforms, const QDateTime& dataTime);
    void setCounts(const QueueCounts& counts);
    QueueFilter filter() const;
    IncidentQueueProxy::Grouping grouping() const;
    QLineEdit* searchField() const
    {
        return m_search;
    }
    QComboBox* statusBox() const
    {
        return m_status;
    }

Q_SIGNALS:
    void filterChanged();
    void groupingChanged();

private:
    QComboBox* addCombo(const QString& label, const QString& objectName);
    QHBoxLayout* m_combos;
    QComboBox* m_status;
    QComboBox* m_severity;
    QComboBox* m_kind;
    QComboBox* m_team;
    QComboBox* m_platform;
    QComboBox* m_time;
    QComboBox* m_group;
    QLineEdit* m_search;
    QTimer* m_searchDelay;
    QDateTime m_dataTime;
};

} // namespace sightline::ui
