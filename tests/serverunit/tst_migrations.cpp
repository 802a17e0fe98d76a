#include "store/database.h"
#include "store/migrations.h"
#include "store/sqldialect.h"
#include "store/sqlquery.h"
#include "store/storeerror.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <latch>
#include <thread>
#include <vector>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

// The schema migrations on a real database (SQLite, or PostgreSQL in the _pg run): a new
// database gets every one, applying again changes nothing, several migrating at once
// apply each step once, and an older database is brought up to date with its data kept.
class tst_Migrations : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void newDatabaseGetsEveryMigration();
    void applyingAgainChangesNothing();
    void severalMigratingAtOnceApplyEachStepOnce();
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
    Database::configure(DatabaseUrl::parse(TestDatabase::urlFor(m_dir->path()), &error));
    QVERIFY(error.isEmpty());
    m_db = Database::open(u"migrations"_s);
}

void tst_Migrations::cleanup()
{
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(u"migrations"_s);
    TestDatabase::dropFor(m_dir->path());
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

void tst_Migrations::severalMigratingAtOnceApplyEachStepOnce()
{
    // As nodes starting together on one database, each with its own connection, let go at
    // the same moment.
    constexpr int kNodes = 6;
    std::atomic<int> failures { 0 };
    std::latch ready(kNodes);
    auto migrate = [&](const QString &name) {
        try {
            QSqlDatabase db = Database::open(name);
            ready.arrive_and_wait();
            Migrations::apply(db);
        } catch (const StoreError &error) {
            qWarning("%s", error.what());
            ++failures;
        }
        QSqlDatabase::removeDatabase(name);
    };
    std::vector<std::thread> nodes;
    for (int i = 0; i < kNodes; ++i)
        nodes.emplace_back(migrate, QString(u"node"_s + QString::number(i)));
    for (std::thread &node : nodes)
        node.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(queryValue(m_db, u"SELECT COUNT(*) FROM schema_migrations"_s).toInt(),
        Migrations::latestVersion());
}

void tst_Migrations::olderDatabaseIsBroughtUpToDate()
{
    // A database as version 2 left it, with users, a token and a conversation.
    Migrations::apply(m_db);
    runQuery(m_db, u"DROP INDEX tokens_revoked_at"_s);
    runQuery(m_db, u"ALTER TABLE tokens DROP COLUMN revoked_at"_s);
    runQuery(m_db, u"ALTER TABLE members DROP COLUMN unread"_s);
    runQuery(m_db, u"ALTER TABLE rooms DROP COLUMN members_version"_s);
    runQuery(m_db, u"DELETE FROM schema_migrations WHERE version > 2"_s);
    runQuery(m_db,
        u"INSERT INTO users (id, username, display_name, password_hash, created_at)"
        " VALUES ('u1', 'alice', 'Alice', 'h', 1), ('u2', 'bob', 'Bob', 'h', 1)"_s);
    runQuery(m_db,
        u"INSERT INTO tokens (hash, user_id, created_at, expires_at, revoked)"
        " VALUES ('t1', 'u1', 1, 2, 0)"_s);
    // A direct room: alice read up to seq 2; after it, bob wrote 3 and 5, alice 4.
    runQuery(m_db,
        u"INSERT INTO rooms (id, kind, last_seq, last_ts, created_at)"
        " VALUES ('r1', 'direct', 5, 1, 1)"_s);
    runQuery(m_db,
        u"INSERT INTO members (room_id, user_id, role, joined_seq, delivered_seq,"
        " read_seq, joined_at) VALUES ('r1', 'u1', 'member', 0, 2, 2, 1),"
        " ('r1', 'u2', 'member', 0, 0, 0, 1)"_s);
    runQuery(m_db,
        u"INSERT INTO events (room_id, seq, ts, kind, sender_id, body) VALUES"
        " ('r1', 1, 1, 'message', 'u2', 'a'), ('r1', 2, 1, 'message', 'u2', 'b'),"
        " ('r1', 3, 1, 'message', 'u2', 'c'), ('r1', 4, 1, 'message', 'u1', 'd'),"
        " ('r1', 5, 1, 'message', 'u2', 'e')"_s);

    Migrations::apply(m_db);
    QCOMPARE(queryValue(m_db, u"SELECT MAX(version) FROM schema_migrations"_s).toInt(),
        Migrations::latestVersion());
    QCOMPARE(
        queryValue(m_db, u"SELECT user_id FROM tokens WHERE hash = 't1'"_s).toString(), u"u1"_s);
    QVERIFY(queryValue(m_db, u"SELECT revoked_at FROM tokens WHERE hash = 't1'"_s).isNull());
    // Migration 4: each member's unread count, from the log.
    QCOMPARE(queryValue(m_db, u"SELECT unread FROM members WHERE user_id = 'u1'"_s).toInt(), 2);
    QCOMPARE(queryValue(m_db, u"SELECT unread FROM members WHERE user_id = 'u2'"_s).toInt(), 1);
    // Migration 5: every room starts at members version 0.
    QCOMPARE(queryValue(m_db, u"SELECT members_version FROM rooms WHERE id = 'r1'"_s).toInt(), 0);
    // Migration 6: the attachment index holds only events with a file.
    const QString definition = SqlDialect::isPostgres(m_db)
        ? u"SELECT indexdef FROM pg_indexes WHERE indexname = 'events_attachment'"_s
        : u"SELECT sql FROM sqlite_master WHERE name = 'events_attachment'"_s;
    const QString index = queryValue(m_db, definition).toString();
    QVERIFY2(index.contains("attachment_id IS NOT NULL"_L1), qPrintable(index));
}

void tst_Migrations::settingsAreCheckedOnOpen()
{
    if (SqlDialect::isPostgres(m_db)) {
        QCOMPARE(queryValue(m_db, u"SHOW synchronous_commit"_s).toString(), u"on"_s);
        // Fixed-width ids as VARCHAR: PostgreSQL would pad CHAR(32) with spaces.
        Migrations::apply(m_db);
        QCOMPARE(queryValue(m_db,
                     u"SELECT data_type FROM information_schema.columns"
                     " WHERE table_name = 'users' AND column_name = 'id'"_s)
                     .toString(),
            u"character varying"_s);
        return;
    }
    QCOMPARE(queryValue(m_db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(queryValue(m_db, u"PRAGMA synchronous"_s).toInt(), 2);
    QCOMPARE(queryValue(m_db, u"PRAGMA foreign_keys"_s).toInt(), 1);
}

QTEST_GUILESS_MAIN(tst_Migrations)
#include "tst_migrations.moc"
