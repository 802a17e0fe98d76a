#pragma once

#include <QSqlDatabase>

namespace Confab::Server {

// Numbered schema migrations in portable SQL (SQLite and PostgreSQL). Each runs once, in
// its own transaction, and is recorded in schema_migrations.
class Migrations {
public:
    static int latestVersion();
    // Brings the schema up to date; throws StoreError.
    static void apply(const QSqlDatabase &db);

private:
    static void applyPending(const QSqlDatabase &db);
};

} // namespace Confab::Server
