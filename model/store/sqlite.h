#pragma once

#include <QByteArray>
#include <QString>

#include <stdexcept>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace sightline::sql {

// Thrown for every SQLite failure; carries the result code so callers can tell "busy" from
// "corrupt" from "not a database".
class Error : public std::runtime_error
{
public:
    Error(int code, const QString& message);
    int code() const
    {
        return m_code;
    }
    QString message() const
    {
        return QString::fromUtf8(what());
    }

private:
    int m_code;
};

class Statement;

// One connection. Not shareable between threads: open one per thread.
class Database
{
public:
    enum class Mode
    {
        ReadWrite, // must exist
        ReadWriteCreate,
        ReadOnly,
        // Read-only, and no one writes the file: no lock, no -wal/-shm file is created even for a
        // database whose header says WAL (SQLite's "immutable" URI parameter). For backups.
        ReadOnlyImmutable,
    };

    Database() = default;
    Database(const QString& path, Mode mode);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool isOpen() const
    {
        return m_db != nullptr;
    }
    sqlite3* handle() const
    {
        return m_db;
    }

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    qint64 lastInsertRowId() const;
    int changes() const;
    // Single-value helpers for PRAGMAs and counts.
    qint64 queryInt(std::string_view sql);
    void setBusyTimeout(int ms);
    void close();

private:
    void check(int rc, std::string_view what) const;
    sqlite3* m_db = nullptr;
};

// A prepared statement. Bind by 1-based index; step() returns true while rows come.
class Statement
{
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value)
    {
        return bind(index, static_cast<qint64>(value));
    }
    Statement& bind(int index, double value);
    // An empty (or null) QString binds NULL when nullIfEmpty is set, otherwise an empty text.
    Statement& bind(int index, const QString& value, bool nullIfEmpty = false);
    Statement& bind(int index, const QByteArray& utf8);
    Statement& bindNull(int index);

    bool step();
    void exec(); // step to completion, expecting no rows
    void reset(); // reset and clear bindings, ready for reuse

    int columnCount() const;
    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

// RAII transaction: rolls back unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Database& db, bool immediate = true);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_open = true;
};

} // namespace sightline::sql
