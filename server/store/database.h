#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Confab::Server {

// Where the data lives, from a URL: sqlite:///path/to/file.db or
// postgresql://user:password@host:port/dbname.
struct DatabaseUrl {
    QString driver; // "QSQLITE" or "QPSQL"
    QString path; // SQLite file, or PostgreSQL database name
    QString host;
    int port = 0;
    QString user;
    QString password;

    static DatabaseUrl parse(const QString &url, QString *error);
    bool isSqlite() const { return driver == QLatin1String("QSQLITE"); }
};

// One connection per thread, as Qt SQL requires: connectionForThread() opens it on first use
// in the calling thread, applies the per-connection settings, and returns it afterwards.
class Database {
public:
    static void configure(const DatabaseUrl &url);
    static const DatabaseUrl &url();
    static QSqlDatabase connectionForThread();
    // Opens a connection with a given name in the calling thread; throws StoreError.
    static QSqlDatabase open(const QString &connectionName);
    static void closeThreadConnection();
    // After a failed statement: when the calling thread's connection is gone (PostgreSQL
    // restarted, the network cut), closes it, so that the next use opens a new one and
    // prepares its statements again. No copy of the connection may be held. SQLite has no
    // connection to lose.
    static void dropThreadConnectionIfBroken();
    // Starts a write transaction: on SQLite it takes the write lock at once (BEGIN IMMEDIATE),
    // so that it cannot fail half-way for want of it.
    static QString beginWriteStatement();

private:
    static QSqlDatabase openOrThrow(const QString &connectionName);
};

} // namespace Confab::Server
