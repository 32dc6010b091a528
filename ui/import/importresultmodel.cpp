#include "importresultmodel.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QRegularExpression>
#include <QStyle>

namespace sightline::ui {

namespace {

// Message rows carry their file row + 1 as internal id; file rows carry 0.
constexpr quintptr kFileRowId = 0;

QString displayNameFor(const QString& path, const QStringList& inputs)
{
    for (const auto& input : inputs) {
        const QFileInfo info(input);
        if (!info.isDir())
            continue;
        const QString root = info.absoluteFilePath();
        if (path.startsWith(root + u'/'))
            return QDir(root).relativeFilePath(path);
    }
    return QFileInfo(path).fileName();
}

// The file an import error is about: errors start with "path: " or "path:line:col: ".
QString errorFile(const QString& error)
{
    static const QRegularExpression located(QStringLiteral("^(.+?)(?::\\d+){0,2}: "));
    const auto match = located.match(error);
    if (!match.hasMatch())
        return {};
    return match.captured(1);
}

QIcon messageIcon(ImportResultModel::MessageKind kind)
{
    QStyle* style = QApplication::style();
    switch (kind) {
    case ImportResultModel::MessageKind::Warning:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case ImportResultModel::MessageKind::Error:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case ImportResultModel::MessageKind::Skipped:
        return style->standardIcon(QStyle::SP_MessageBoxInformation);
    }
    return {};
}

} // namespace

ImportResultModel::ImportResultModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

QString ImportResultModel::statusText(Status status)
{
    switch (status) {
    case Status::Imported:
        return tr("imported");
    case Status::Skipped:
        return tr("skipped");
    case Status::Failed:
        return tr("error");
    case Status::RolledBack:
        return tr("not kept");
    }
    return {};
}

void ImportResultModel::setReport(const ImportReport& report, const QStringList& inputs)
{
    beginResetModel();
    m_report = report;
    m_rows.clear();
    m_messages.clear();
    const bool kept =
        report.outcome == ImportReport::Outcome::Imported || report.outcome == ImportReport::Outcome::NothingNew;
    for (const auto& file : report.files) {
        FileRow row;
        row.file = file;
        row.displayName = displayNameFor(file.path, inputs);
        if (!file.skipped.isEmpty())
            row.status = Status::Skipped;
        else
            row.status = kept ? Status::Imported : Status::RolledBack;
        m_rows.append(row);
    }
    if (report.outcome == ImportReport::Outcome::Failed && !report.error.isEmpty()) {
        // The file whose error stopped the import has no report of its own: it gets a row.
        const QString path = errorFile(report.error);
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&path](const FileRow& r) { return r.file.path == path; });
        if (it == m_rows.end() && !path.isEmpty() && QFileInfo(path).isFile()) {
            FileRow row;
            row.file.path = path;
            row.displayName = displayNameFor(QFileInfo(path).absoluteFilePath(), inputs);
            m_rows.append(row);
            it = m_rows.end() - 1;
        }
        if (it != m_rows.end()) {
            it->status = Status::Failed;
            it->error = report.error;
        }
    }
    for (const auto& row : std::as_const(m_rows))
        m_messages.append(messages(row));
    endResetModel();
}

QList<ImportResultModel::Message> ImportResultModel::messages(const FileRow& row) const
{
    QList<Message> out;
    if (!row.error.isEmpty())
        out.append({MessageKind::Error, row.error});
    if (!row.file.skipped.isEmpty())
        out.append({MessageKind::Skipped, tr("Skipped: %1").arg(row.file.skipped)});
    for (const auto& warning : row.file.warnings)
        out.append({MessageKind::Warning, warning});
    return out;
}

QModelIndex ImportResultModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kFileRowId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex ImportResultModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kFileRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kFileRowId);
}

int ImportResultModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != kFileRowId || parent.column() != 0)
        return 0;
    return int(m_messages.at(parent.row()).size());
}

int ImportResultModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant ImportResultModel::data(const QModelIndex& index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    if (index.internalId() == kFileRowId)
        return fileData(m_rows.at(index.row()), index.column(), role);
    const int fileRow = int(index.internalId() - 1);
    return messageData(m_rows.at(fileRow), m_messages.at(fileRow).at(index.row()), index.column(), role);
}

QVariant ImportResultModel::fileData(const FileRow& row, int column, int role) const
{
    const FileReport& f = row.file;
    const bool counted = row.status == Status::Imported || row.status == Status::RolledBack;
    auto count = [&](int value) -> QVariant {
        if (!counted)
            return {};
        return role == SortRole ? QVariant(value) : QVariant(QLocale().toString(value));
    };
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (column) {
        case FileColumn:
            return row.displayName;
        case StatusColumn:
            return statusText(row.status);
        case FormatColumn:
            return f.formatName.isEmpty() ? f.format : f.formatName;
        case VersionColumn:
            return f.version;
        case AssetsColumn:
            return count(f.assets);
        case EdgesColumn:
            return count(f.edges);
        case ColumnsColumn:
            return count(f.columns);
        case ObservationsColumn:
            return count(f.observations);
        case ResultsColumn:
            return count(f.results);
        case WarningsColumn:
            return count(int(f.warnings.size()));
        }
        return {};
    case Qt::ToolTipRole:
        if (column == FileColumn)
            return f.path;
        if (column == FormatColumn && !f.format.isEmpty())
            return tr("Importer: %1").arg(f.format);
        if (column == StatusColumn && !f.skipped.isEmpty())
            return f.skipped;
        if (column == ResultsColumn)
            return tr("Run, test and freshness results");
        return {};
    case Qt::DecorationRole:
        if (column != FileColumn)
            return {};
        switch (row.status) {
        case Status::Failed:
            return messageIcon(MessageKind::Error);
        case Status::Skipped:
            return messageIcon(MessageKind::Skipped);
        case Status::Imported:
        case Status::RolledBack:
            return f.warnings.isEmpty() ? QApplication::style()->standardIcon(
                       row.status == Status::Imported ? QStyle::SP_DialogApplyButton : QStyle::SP_DialogCancelButton)
                                        : messageIcon(MessageKind::Warning);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column >= AssetsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (column == StatusColumn && row.status == Status::Failed) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case PathRole:
        return f.path;
    case StatusRole:
        return int(row.status);
    case IsMessageRole:
        return false;
    }
    return {};
}

QVariant ImportResultModel::messageData(const FileRow& row, const Message& message, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
    case Qt::ToolTipRole:
        return column == FileColumn ? QVariant(message.text) : QVariant();
    case Qt::DecorationRole:
        return column == FileColumn ? QVariant(messageIcon(message.kind)) : QVariant();
    case PathRole:
        return row.file.path;
    case MessageKindRole:
        return int(message.kind);
    case IsMessageRole:
        return true;
    }
    return {};
}

QVariant ImportResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section >= AssetsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FileColumn:
        return tr("File");
    case StatusColumn:
        return tr("Status");
    case FormatColumn:
        return tr("Format");
    case VersionColumn:
        return tr("Version");
    case AssetsColumn:
        return tr("Assets");
    case EdgesColumn:
        return tr("Edges");
    case ColumnsColumn:
        return tr("Columns");
    case ObservationsColumn:
        return tr("Observations");
    case ResultsColumn:
        return tr("Results");
    case WarningsColumn:
        return tr("Warnings");
    }
    return {};
}

QString ImportResultModel::toText(const QList<int>& rows) const
{
    QList<int> wanted = rows;
    if (wanted.isEmpty()) {
        for (int i = 0; i < m_rows.size(); ++i)
            wanted.append(i);
    }
    QString out;
    for (int i : std::as_const(wanted)) {
        if (i < 0 || i >= m_rows.size())
            continue;
        const FileRow& row = m_rows.at(i);
        const FileReport& f = row.file;
        out += f.path + QStringLiteral(": ") + statusText(row.status);
        if (row.status == Status::Imported || row.status == Status::RolledBack) {
            out += QStringLiteral(", ") + (f.formatName.isEmpty() ? f.format : f.formatName);
            if (!f.version.isEmpty())
                out += u' ' + f.version;
            out += QStringLiteral(": %1 assets, %2 edges, %3 columns, %4 observations, %5 results, %6 warnings")
                       .arg(f.assets)
                       .arg(f.edges)
                       .arg(f.columns)
                       .arg(f.observations)
                       .arg(f.results)
                       .arg(f.warnings.size());
        }
        out += u'\n';
        for (const auto& message : m_messages.at(i)) {
            const QString prefix = message.kind == MessageKind::Error ? QStringLiteral("  error: ")
                : message.kind == MessageKind::Warning                ? QStringLiteral("  warning: ")
                                                                      : QStringLiteral("  ");
            out += prefix + message.text + u'\n';
        }
    }
    return out;
}

} // namespace sightline::ui
