#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Confab::Server {

// The few places where SQLite and PostgreSQL spell a statement differently. Everything else
// the store sends is written once, in SQL both accept (explicit CASTs where PostgreSQL could
// not infer a parameter's type).
class SqlDialect {
public:
    static bool isPostgres(const QSqlDatabase &db);

    // A table of the JSON array of strings bound at this place (see jsonList()), with the
    // columns `key` (the 0-based position, BIGINT) and `value` (TEXT): for FROM and IN.
    static QString jsonListTable(const QSqlDatabase &db);
    // The number stored under the key `keyExpression` in the JSON object bound at this place,
    // or NULL when it has no such key.
    static QString jsonObjectNumber(const QSqlDatabase &db, const QString &keyExpression);

    // A migration statement as this database takes it: PostgreSQL pads CHAR(n) with spaces,
    // which SQLite never did, so there fixed-width columns become VARCHAR(n).
    static QString schemaStatement(const QSqlDatabase &db, const QString &statement);
};

} // namespace Confab::Server
