#include "store/migrations.h"

#include "store/database.h"
#include "store/sqldialect.h"
#include "store/sqlquery.h"
#include "store/storeerror.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QStringList>

#include "logging.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// The advisory lock that serialises migrations between nodes (any constant of our own).
constexpr qint64 kMigrationLock = 0x436f6e666162; // "Confab"

// Never edit a migration that has shipped: add a new one.
const QList<QStringList> &migrationSteps()
{
    static const QList<QStringList> steps {
        // 1: users, tokens, rooms, members, events, blocks.
        {
            u"CREATE TABLE users (id CHAR(32) PRIMARY KEY, username VARCHAR(32) NOT NULL UNIQUE,"
            " display_name TEXT NOT NULL, password_hash TEXT NOT NULL,"
            " disabled INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL,"
            " last_seen BIGINT NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE tokens (hash CHAR(64) PRIMARY KEY, user_id CHAR(32) NOT NULL"
            " REFERENCES users(id), device TEXT, created_at BIGINT NOT NULL,"
            " expires_at BIGINT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE INDEX tokens_user ON tokens(user_id)"_s,
            u"CREATE TABLE rooms (id CHAR(32) PRIMARY KEY, kind VARCHAR(8) NOT NULL,"
            " name TEXT NOT NULL DEFAULT '', owner_id CHAR(32), direct_key VARCHAR(65) UNIQUE,"
            " last_seq BIGINT NOT NULL DEFAULT 0, last_ts BIGINT NOT NULL,"
            " created_at BIGINT NOT NULL)"_s,
            u"CREATE TABLE members (room_id CHAR(32) NOT NULL REFERENCES rooms(id),"
            " user_id CHAR(32) NOT NULL REFERENCES users(id), role VARCHAR(8) NOT NULL,"
            " joined_seq BIGINT NOT NULL, delivered_seq BIGINT NOT NULL,"
            " read_seq BIGINT NOT NULL, joined_at BIGINT NOT NULL,"
            " PRIMARY KEY (room_id, user_id))"_s,
            u"CREATE INDEX members_user ON members(user_id)"_s,
            u"CREATE TABLE events (room_id CHAR(32) NOT NULL REFERENCES rooms(id),"
            " seq BIGINT NOT NULL, ts BIGINT NOT NULL, kind VARCHAR(16) NOT NULL,"
            " sender_id CHAR(32) NOT NULL, client_msg_id VARCHAR(64), body TEXT,"
            " attachment_id CHAR(32), reply_to BIGINT, subject_id CHAR(32), name TEXT,"
            " PRIMARY KEY (room_id, seq))"_s,
            // Double-send prevention: one clientMsgId per sender, in any room, for ever.
            u"CREATE UNIQUE INDEX events_client_msg ON events(sender_id, client_msg_id)"_s,
            u"CREATE TABLE blocks (blocker_id CHAR(32) NOT NULL REFERENCES users(id),"
            " blocked_id CHAR(32) NOT NULL REFERENCES users(id), created_at BIGINT NOT NULL,"
            " PRIMARY KEY (blocker_id, blocked_id))"_s,
        },
        // 2: files. Completed uploads are attachments; unfinished ones are uploads.
        {
            u"CREATE TABLE attachments (id CHAR(32) PRIMARY KEY, uploader_id CHAR(32) NOT NULL"
            " REFERENCES users(id), sha256 CHAR(64) NOT NULL, size BIGINT NOT NULL,"
            " name TEXT NOT NULL, mime TEXT NOT NULL, kind VARCHAR(8) NOT NULL,"
            " duration_ms BIGINT, created_at BIGINT NOT NULL)"_s,
            // One attachment per user and content: a repeated upload returns the first.
            u"CREATE UNIQUE INDEX attachments_uploader_sha ON attachments(uploader_id, sha256)"_s,
            u"CREATE INDEX events_attachment ON events(attachment_id)"_s,
            u"CREATE TABLE uploads (id CHAR(32) PRIMARY KEY, user_id CHAR(32) NOT NULL"
            " REFERENCES users(id), sha256 CHAR(64) NOT NULL, size BIGINT NOT NULL,"
            " name TEXT NOT NULL, mime TEXT NOT NULL, kind VARCHAR(8) NOT NULL,"
            " duration_ms BIGINT, created_at BIGINT NOT NULL)"_s,
            u"CREATE INDEX uploads_user_sha ON uploads(user_id, sha256)"_s,
        },
        // 3: when a token was revoked, so that every server on the database can close the
        // connections that still use it.
        {
            u"ALTER TABLE tokens ADD COLUMN revoked_at BIGINT"_s,
            u"CREATE INDEX tokens_revoked_at ON tokens(revoked_at) WHERE revoked_at IS NOT NULL"_s,
        },
        // 4: each member's unread count, kept with the markers, so that a receipt or a room
        // list does not count it again from the log.
        {
            u"ALTER TABLE members ADD COLUMN unread BIGINT NOT NULL DEFAULT 0"_s,
            u"UPDATE members SET unread = (SELECT COUNT(*) FROM events e"
            " WHERE e.room_id = members.room_id AND e.seq > members.read_seq"
            " AND e.kind = 'message' AND e.sender_id <> members.user_id)"_s,
        },
        // 5: a room's members_version moves with every change of its members, so that a
        // cached member list can be checked against the room's row it reads anyway.
        {
            u"ALTER TABLE rooms ADD COLUMN members_version BIGINT NOT NULL DEFAULT 0"_s,
        },
        // 6: only events that carry a file are in the attachment index, so that a text
        // message no longer writes an entry (and a page) there.
        {
            u"DROP INDEX events_attachment"_s,
            u"CREATE INDEX events_attachment ON events(attachment_id)"
            " WHERE attachment_id IS NOT NULL"_s,
        },
    };
    return steps;
}

int currentVersion(const QSqlDatabase &db)
{
    runQuery(db,
        u"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
        " applied_at BIGINT NOT NULL)"_s);
    return queryValue(db, u"SELECT MAX(version) FROM schema_migrations"_s, {}, 0).toInt();
}

} // namespace

int Migrations::latestVersion()
{
    return int(migrationSteps().size());
}

void Migrations::apply(const QSqlDatabase &db)
{
    // Nodes sharing one PostgreSQL database may start together: one migrates, the others wait
    // for it and then find nothing left to do. The lock is the session's, released below or
    // when the connection closes.
    const bool shared = SqlDialect::isPostgres(db);
    if (shared)
        runStatement(db, u"SELECT pg_advisory_lock(%1)"_s.arg(kMigrationLock));
    try {
        applyPending(db);
    } catch (const StoreError &) {
        if (shared)
            QSqlQuery(db).exec(u"SELECT pg_advisory_unlock(%1)"_s.arg(kMigrationLock));
        throw;
    }
    if (shared)
        runStatement(db, u"SELECT pg_advisory_unlock(%1)"_s.arg(kMigrationLock));
}

void Migrations::applyPending(const QSqlDatabase &db)
{
    // The version is read inside each step's write transaction, so that a second process
    // migrating the same SQLite file waits for the first and then finds the step done.
    for (;;) {
        runStatement(db, Database::beginWriteStatement());
        try {
            const int version = currentVersion(db) + 1;
            if (version > latestVersion()) {
                runStatement(db, u"COMMIT"_s);
                return;
            }
            for (const QString &statement : migrationSteps().at(version - 1))
                runStatement(db, SqlDialect::schemaStatement(db, statement));
            runQuery(db, u"INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"_s,
                { version, QDateTime::currentMSecsSinceEpoch() });
            runStatement(db, u"COMMIT"_s);
            qCInfo(lcStore) << "applied schema migration" << version;
        } catch (const StoreError &) {
            QSqlQuery(db).exec(u"ROLLBACK"_s);
            throw;
        }
    }
}

} // namespace Confab::Server
