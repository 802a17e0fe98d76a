#include "store/database.h"

#include "store/sqlitestatement.h"
#include "store/sqlquery.h"
#include "store/statementcache.h"
#include "store/storeerror.h"
#include "store/walwritebuffer.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QThread>
#include <QUrl>

#include "logging.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
DatabaseUrl g_url;

// WAL lives in the file; synchronous is per connection, so both are set on every open, and
// checked: SQLite ignores what it cannot do (WAL on some file systems) without an error.
void applySqliteSettings(const QSqlDatabase &db)
{
    const QString mode = queryValue(db, u"PRAGMA journal_mode=WAL"_s).toString();
    if (mode.compare("wal"_L1, Qt::CaseInsensitive) != 0)
        throw StoreError(u"SQLite cannot use WAL here (journal_mode is "_s + mode + u')');
    runQuery(db, u"PRAGMA synchronous=FULL"_s);
    runQuery(db, u"PRAGMA foreign_keys=ON"_s);
    // The pages a batch of messages touches (an index entry per sender, a log tail per room)
    // outgrow SQLite's default 2 MiB cache, and every page missed is a read from the file.
    runQuery(db, u"PRAGMA cache_size=-16384"_s);
    runQuery(db, u"PRAGMA temp_store=MEMORY"_s); // statement journals need no file
    if (queryValue(db, u"PRAGMA synchronous"_s).toInt() != 2
        || queryValue(db, u"PRAGMA foreign_keys"_s).toInt() != 1)
        throw StoreError(u"SQLite did not take synchronous=FULL and foreign_keys=ON"_s);
}

// A commit is acknowledged to clients as durable, so it must be on disk before COMMIT returns
// (on, or remote_apply/remote_write with a synchronous standby), whatever the server's default.
void applyPostgresSettings(const QSqlDatabase &db)
{
    runStatement(db, u"SET synchronous_commit TO on"_s);
    runStatement(db, u"SET client_min_messages TO warning"_s);
    const QString commit = queryValue(db, u"SHOW synchronous_commit"_s).toString();
    if (commit != "on"_L1)
        throw StoreError(
            u"PostgreSQL did not take synchronous_commit=on (it is "_s + commit + u')');
}

QString threadConnectionName()
{
    return u"confab-"_s + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
}
} // namespace

DatabaseUrl DatabaseUrl::parse(const QString &text, QString *error)
{
    DatabaseUrl out;
    if (text.startsWith("sqlite://"_L1)) {
        out.driver = u"QSQLITE"_s;
        out.path = text.mid(9);
        if (out.path.isEmpty() && error)
            *error = u"sqlite URL needs a file path, as in sqlite:///var/lib/confab/confab.db"_s;
        return out;
    }
    const QUrl url(text);
    if (url.scheme() == "postgresql"_L1 || url.scheme() == "postgres"_L1) {
        out.driver = u"QPSQL"_s;
        out.host = url.host();
        out.port = url.port(5432);
        out.user = url.userName();
        out.password = url.password();
        out.path = url.path().mid(1);
        return out;
    }
    if (error)
        *error = u"unsupported database URL (use sqlite:// or postgresql://): "_s + text;
    return out;
}

void Database::configure(const DatabaseUrl &url)
{
    g_url = url;
    if (url.isSqlite())
        WalWriteBuffer::install();
}

const DatabaseUrl &Database::url()
{
    return g_url;
}

QSqlDatabase Database::open(const QString &connectionName)
{
    try {
        return openOrThrow(connectionName);
    } catch (const StoreError &) {
        // Left registered, the closed connection would be handed out again on every later use.
        QSqlDatabase::removeDatabase(connectionName);
        throw;
    }
}

QSqlDatabase Database::openOrThrow(const QString &connectionName)
{
    if (g_url.isSqlite())
        QDir().mkpath(QFileInfo(g_url.path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(g_url.driver, connectionName);
    db.setDatabaseName(g_url.path);
    if (!g_url.isSqlite()) {
        db.setHostName(g_url.host);
        db.setPort(g_url.port);
        db.setUserName(g_url.user);
        db.setPassword(g_url.password);
        db.setConnectOptions(u"connect_timeout=10"_s);
    } else {
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    }
    if (!db.open())
        throw StoreError(u"cannot open database: "_s + db.lastError().text());
    if (g_url.isSqlite())
        applySqliteSettings(db);
    else
        applyPostgresSettings(db);
    return db;
}

QSqlDatabase Database::connectionForThread()
{
    const QString name = threadConnectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    return open(name);
}

QString Database::beginWriteStatement()
{
    return g_url.isSqlite() ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
}

void Database::dropThreadConnectionIfBroken()
{
    if (g_url.isSqlite())
        return;
    const QString name = threadConnectionName();
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlQuery probe(QSqlDatabase::database(name, false));
        if (probe.exec(u"SELECT 1"_s))
            return;
    }
    qCWarning(lcStore) << "the connection to the database is lost; the next use opens a new one";
    closeThreadConnection();
}

void Database::closeThreadConnection()
{
    const QString name = threadConnectionName();
    if (!QSqlDatabase::contains(name))
        return;
    QSqlDatabase db = QSqlDatabase::database(name, false);
    StatementCache::forget(db);
    SqliteStatement::forget(db);
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

} // namespace Confab::Server
