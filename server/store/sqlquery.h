#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <initializer_list>

namespace Confab::Server {

// Prepares, binds and executes in one call; throws StoreError with the statement and the
// driver's message when anything fails, so no failed exec() goes unnoticed.
QSqlQuery runQuery(
    const QSqlDatabase &db, const QString &sql, std::initializer_list<QVariant> values = {});

QSqlQuery runQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &values);

// A statement without parameters, sent as it is: PostgreSQL cannot prepare transaction control
// (BEGIN, SAVEPOINT, COMMIT) or schema changes. Throws StoreError like runQuery().
void runStatement(const QSqlDatabase &db, const QString &sql);

// Transaction control on the hot path: prepared once per connection where the database can
// (SQLite), sent as it is elsewhere.
void runControl(const QSqlDatabase &db, const QString &sql);

// Whether a query on `db` may read its rows one at a time. PostgreSQL's driver then streams
// them, and any other statement on the connection throws the unread rest away; there every
// result is read whole at exec().
bool streamsRows(const QSqlDatabase &db);

// A list as one bound value: a JSON array of strings, which a statement turns into rows with
// SqlDialect::jsonListTable() (`... IN (SELECT value FROM <table>)`). A statement over a thousand
// keys then binds one value instead of a thousand: Qt names every placeholder, and SQLite finds
// a name by searching the list of names, so many placeholders cost their square.
QString jsonList(const QStringList &values);

// The same through the connection's StatementCache: for the statements a server runs again
// and again. The query stays the cache's; read it before the next use of the same SQL.
QSqlQuery &runCached(
    const QSqlDatabase &db, const QString &sql, std::initializer_list<QVariant> values = {});
QVariant cachedValue(const QSqlDatabase &db, const QString &sql,
    std::initializer_list<QVariant> values = {}, const QVariant &fallback = {});

// Runs `sql` and returns the first column of the first row, or `fallback` with no row.
QVariant queryValue(const QSqlDatabase &db, const QString &sql,
    std::initializer_list<QVariant> values = {}, const QVariant &fallback = {});

} // namespace Confab::Server
