#include "store/database.h"
#include "store/migrations.h"
#include "store/sqlquery.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// The schema migrations on a real SQLite file: a new database gets every one, applying
// again changes nothing, and an older database is brought up to date with its data kept.
class tst_Migrations : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void newDatabaseGetsEveryMigration();
    void applyingAgainChangesNothing();
    void olderDatabaseIsBroughtUpToDate();
    void settingsAreCheckedOnOpen();

private:
    QSqlDatabase m_db;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Migrations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    Database::configure(DatabaseUrl::parse(u"sqlite://"_s + m_dir->filePath(u"m.db"_s), &error));
    QVERIFY(error.isEmpty());
    m_db = Database::open(u"migrations"_s);
}

void tst_Migrations::cleanup()
{
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(u"migrations"_s);
    m_dir.reset();
}

void tst_Migrations::newDatabaseGetsEveryMigration()
{
    Migrations::apply(m_db);
    QCOMPARE(queryValue(m_db, u"SELECT MAX(version) FROM schema_migrations"_s).toInt(),
        Migrations::latestVersion());
    QCOMPARE(queryValue(m_db, u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
        Migrations::latestVersion());
    // Migration 3: when a token was revoked.
    runQuery(m_db, u"SELECT revoked_at FROM tokens"_s);
}

void tst_Migrations::applyingAgainChangesNothing()
{
    Migrations::apply(m_db);
    Migrations::apply(m_db);
    QCOMPARE(queryValue(m_db, u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
        Migrations::latestVersion());
}

void tst_Migrations::olderDatabaseIsBroughtUpToDate()
{
    // A database as version 2 left it, with a user and a token.
    Migrations::apply(m_db);
    runQuery(m_db, u"DROP INDEX tokens_revoked_at"_s);
    runQuery(m_db, u"ALTER TABLE tokens DROP COLUMN revoked_at"_s);
    runQuery(m_db, u"DELETE FROM schema_migrations WHERE version > 2"_s);
    runQuery(m_db, u"INSERT INTO users (id, username, display_name, password_hash, created_at)"
                   " VALUES ('u1', 'alice', 'Alice', 'h', 1)"_s);
    runQuery(m_db, u"INSERT INTO tokens (hash, user_id, created_at, expires_at, revoked)"
                   " VALUES ('t1', 'u1', 1, 2, 0)"_s);

    Migrations::apply(m_db);
    QCOMPARE(queryValue(m_db, u"SELECT MAX(version) FROM schema_migrations"_s).toInt(),
        Migrations::latestVersion());
    QCOMPARE(queryValue(m_db, u"SELECT user_id FROM tokens WHERE hash = 't1'"_s).toString(), u"u1"_s);
    QVERIFY(queryValue(m_db, u"SELECT revoked_at FROM tokens WHERE hash = 't1'"_s).isNull());
}

void tst_Migrations::settingsAreCheckedOnOpen()
{
    QCOMPARE(queryValue(m_db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(queryValue(m_db, u"PRAGMA synchronous"_s).toInt(), 2);
    QCOMPARE(queryValue(m_db, u"PRAGMA foreign_keys"_s).toInt(), 1);
}

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
