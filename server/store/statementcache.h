#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace Confab::Server {

// Prepared statements kept per connection, so that a statement is parsed once per connection
// rather than once per use. A connection is used by one thread only, so the cache is the
// thread's own and needs no lock.
class StatementCache {
public:
    // The statement for `sql` on `db`, prepared on first use and reset from its last one;
    // throws StoreError when it does not prepare. The reference stays valid until forget().
    static QSqlQuery &statement(const QSqlDatabase &db, const QString &sql);
    // Resets every statement of `db` used since the last reset: one left in the middle of its
    // rows keeps a read transaction open (and with it an old snapshot), and blocks a
    // savepoint's release.
    static void resetAll(const QSqlDatabase &db);
    // Drops the statements of `db`: before the connection closes.
    static void forget(const QSqlDatabase &db);
};

} // namespace Confab::Server
