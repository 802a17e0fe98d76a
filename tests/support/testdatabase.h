#pragma once

#include <QSqlDatabase>
#include <QString>

// Where a test's server keeps its data. By default an SQLite file in the data directory; with
// $CONFAB_TEST_POSTGRES set (the URL of a PostgreSQL maintenance database, as the ctest
// fixture `postgres` starts it), a database of its own on that cluster, one per data directory.
class TestDatabase {
public:
    static bool usesPostgres();
    // The server's --database URL for `dataDir`; on PostgreSQL the database is created on the
    // first call for a directory and named in a file there, so a restart finds it again.
    // Empty, with a warning, when it cannot be created.
    static QString urlFor(const QString &dataDir);
    // Drops the database of `dataDir` (PostgreSQL; SQLite's file goes with the directory).
    static void dropFor(const QString &dataDir);
    // A connection of its own to `url`, opened; invalid, with a warning, on failure. The
    // caller removes it with QSqlDatabase::removeDatabase(name).
    static QSqlDatabase open(const QString &url, const QString &name);
};
