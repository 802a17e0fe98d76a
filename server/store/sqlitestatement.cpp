#include "store/sqlitestatement.h"

#include "store/storeerror.h"

#ifdef CONFAB_HAVE_SQLITE_API

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <memory>
#include <unordered_map>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// A connection's statements by the address of their SQL; by connection name. A connection is
// used by one thread only, so the map is the thread's own.
struct Statements {
    bool resolved = false; // whether `handle` was looked up: null then means not SQLite
    sqlite3 *handle = nullptr;
    std::unordered_map<const char *, std::unique_ptr<SqliteStatement>> bySql;
};
thread_local std::unordered_map<QString, Statements> t_statements;

sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

[[noreturn]] void fail(sqlite3 *handle, const QString &what, const QString &sql)
{
    throw StoreError(what + QString::fromUtf8(sqlite3_errmsg(handle)) + u" in: "_s + sql,
        QString::number(sqlite3_extended_errcode(handle)));
}

} // namespace

SqliteStatement *SqliteStatement::find(const QSqlDatabase &db, const char *sql)
{
    Statements &statements = t_statements[db.connectionName()];
    auto it = statements.bySql.find(sql);
    if (it != statements.bySql.end()) {
        it->second->reset();
        return it->second.get();
    }
    if (!statements.resolved) {
        statements.handle = handleOf(db);
        statements.resolved = true;
    }
    if (!statements.handle)
        return nullptr;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v3(
            statements.handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
        != SQLITE_OK)
        fail(statements.handle, u"prepare failed: "_s, QString::fromUtf8(sql));
    return statements.bySql.emplace(sql, std::make_unique<SqliteStatement>(statement))
        .first->second.get();
}

void SqliteStatement::forget(const QSqlDatabase &db)
{
    const auto connection = t_statements.find(db.connectionName());
    if (connection == t_statements.end())
        return;
    for (const auto &[sql, statement] : connection->second.bySql)
        sqlite3_finalize(statement->m_statement);
    t_statements.erase(connection);
}

SqliteStatement &SqliteStatement::bind(int position, qint64 value)
{
    sqlite3_bind_int64(m_statement, position, value);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int position, const QString &value)
{
    if (value.isEmpty()) {
        sqlite3_bind_null(m_statement, position);
    } else {
        // UTF-16 as QString holds it, copied by SQLite: no conversion here.
        sqlite3_bind_text16(m_statement, position, value.utf16(),
            int(value.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
    }
    return *this;
}

bool SqliteStatement::step()
{
    const int result = sqlite3_step(m_statement);
    if (result == SQLITE_ROW)
        return true;
    if (result == SQLITE_DONE)
        return false;
    const QString sql = QString::fromUtf8(sqlite3_sql(m_statement));
    sqlite3_reset(m_statement); // keeps the error for sqlite3_errmsg()
    fail(sqlite3_db_handle(m_statement), u"query failed: "_s, sql);
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

} // namespace Confab::Server

#else

namespace Confab::Server {

SqliteStatement *SqliteStatement::find(const QSqlDatabase &, const char *)
{
    return nullptr;
}

void SqliteStatement::forget(const QSqlDatabase &) { }

SqliteStatement &SqliteStatement::bind(int, qint64)
{
    return *this;
}

SqliteStatement &SqliteStatement::bind(int, const QString &)
{
    return *this;
}

bool SqliteStatement::step()
{
    return false;
}

qint64 SqliteStatement::int64(int) const
{
    return 0;
}

void SqliteStatement::reset() { }

} // namespace Confab::Server

#endif
