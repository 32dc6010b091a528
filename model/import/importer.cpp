#include "importer.h"

namespace sightline {

ImportError::ImportError(QString file, QString reason, qint64 line, qint64 column, qint64 byteOffset)
    : std::runtime_error(QString(file + QStringLiteral(": ") + reason).toStdString())
    , m_file(std::move(file))
    , m_reason(std::move(reason))
    , m_line(line)
    , m_column(column)
    , m_offset(byteOffset)
{
}

QString ImportError::message() const
{
    if (m_line > 0)
        return QStringLiteral("%1:%2:%3: %4").arg(m_file).arg(m_line).arg(m_column).arg(m_reason);
    if (m_offset >= 0)
        return QStringLiteral("%1: byte %2: %3").arg(m_file).arg(m_offset).arg(m_reason);
    return QStringLiteral("%1: %2").arg(m_file, m_reason);
}

// The defaults let a sink that only collects structure (tests, tools) ignore measurements.
void ImportSink::observation(const Observation&) { }

void ImportSink::columnEdge(const ColumnEdge&) { }

void ImportSink::runResult(const RunResult&) { }

void ImportSink::assetAlias(const QString&, const QString&) { }

} // namespace sightline
