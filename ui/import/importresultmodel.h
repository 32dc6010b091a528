#pragma once

#include "import/importrunner.h"

#include <QAbstractItemModel>
#include <QStringList>

namespace sightline::ui {

// The per-file result of one import as a two-level tree: a row per file (detected format and
// version, counts, number of warnings, what happened to it) with its messages (warnings, the
// error, the reason it was skipped) as children. A thin adapter over ImportReport.
class ImportResultModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        FileColumn,
        StatusColumn,
        FormatColumn,
        VersionColumn,
        AssetsColumn,
        EdgesColumn,
        ColumnsColumn,
        ObservationsColumn,
        ResultsColumn,
        WarningsColumn,
        ColumnCount
    };
    enum class Status
    {
        Imported,
        Skipped,
        Failed, // this file's error stopped the import
        RolledBack, // read, but the import as a whole failed or was cancelled
    };
    enum class MessageKind
    {
        Warning,
        Error,
        Skipped,
    };
    enum Roles
    {
        SortRole = Qt::UserRole + 1, // numbers as numbers
        PathRole, // QString: the file's full path (also on message rows)
        StatusRole, // int(Status), file rows only
        MessageKindRole, // int(MessageKind), message rows only
        IsMessageRole, // bool
    };

    struct FileRow
    {
        FileReport file;
        QString displayName; // relative to the folder it was imported from
        Status status = Status::Imported;
        QString error;
    };

    explicit ImportResultModel(QObject* parent = nullptr);

    // inputs: the paths given to the import (files or folders), to name files relative to them.
    void setReport(const ImportReport& report, const QStringList& inputs = {});
    const ImportReport& report() const
    {
        return m_report;
    }
    const QList<FileRow>& files() const
    {
        return m_rows;
    }

    // Plain text of the given file rows (all when empty) and their messages, for the clipboard.
    QString toText(const QList<int>& rows = {}) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(Status status);

private:
    struct Message
    {
        MessageKind kind;
        QString text;
    };
    QList<Message> messages(const FileRow& row) const;
    QVariant fileData(const FileRow& row, int column, int role) const;
    QVariant messageData(const FileRow& row, const Message& message, int column, int role) const;

    ImportReport m_report;
    QList<FileRow> m_rows;
    QList<QList<Message>> m_messages; // per file row
};

} // namespace sightline::ui
