#pragma once

#include <QSqlDatabase>
#include <QString>

struct sqlite3_stmt;

namespace Confab::Server {

// A statement prepared straight on SQLite's own handle of a Qt connection, for the few that
// the writer runs for every message. Qt SQL turns each bound value into a QVariant and files
// it under a name it formats afresh (":1", ":2", ...) on every execution, which cost more
// than SQLite's own work on those statements. Where SQLite's API is not linked (or the
// database is not SQLite), find() returns null and the caller uses Qt SQL.
class SqliteStatement {
public:
    // The statement for `sql` on `db`, prepared on this thread's first use and reset (its
    // bindings cleared) for this one; null without SQLite's API. `sql` must be a string that
    // lives for ever (a literal): its address is the key. Throws StoreError when it does not
    // prepare. Valid until forget(db).
    static SqliteStatement *find(const QSqlDatabase &db, const char *sql);
    // Finalises the statements of `db`: before the connection closes.
    static void forget(const QSqlDatabase &db);

    SqliteStatement &bind(int position, qint64 value); // positions from 1
    SqliteStatement &bind(int position, const QString &value); // an empty string binds NULL
    // Runs it to its first row: true with a row to read, false when there is none. Throws
    // StoreError on failure. Its changes are made by then, also with RETURNING.
    bool step();
    qint64 int64(int column) const; // columns from 0
    // Ends this use: a statement left on a row keeps a read transaction open.
    void reset();

    explicit SqliteStatement(sqlite3_stmt *statement)
        : m_statement(statement)
    {
    }
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

private:
    sqlite3_stmt *m_statement;
};

} // namespace Confab::Server
