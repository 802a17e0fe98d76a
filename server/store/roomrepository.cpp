#include "store/roomrepository.h"

#include "store/sqldialect.h"
#include "store/sqlitestatement.h"
#include "store/sqlquery.h"
#include "store/storeerror.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
const QString kColumns = u"id, kind, name, owner_id, last_seq, last_ts"_s;

RoomRow readRoom(const QSqlQuery &query)
{
    return { query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
        query.value(3).toString(), query.value(4).toLongLong(), query.value(5).toLongLong() };
}
} // namespace

QString RoomRepository::directKey(const QString &a, const QString &b)
{
    return a < b ? a + u':' + b : b + u':' + a;
}

void RoomRepository::insert(const RoomRow &room, const QString &directKey, qint64 createdAt)
{
    runCached(m_db,
        u"INSERT INTO rooms (id, kind, name, owner_id, direct_key, last_seq, last_ts, created_at)"
        " VALUES (?, ?, COALESCE(?, ''), ?, ?, 0, ?, ?)"_s,
        { room.id, room.kind, room.name,
            room.ownerId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : room.ownerId,
            directKey.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : directKey, createdAt,
            createdAt });
}

std::optional<RoomRow> RoomRepository::find(const QString &id) const
{
    QSqlQuery &query
        = runCached(m_db, u"SELECT "_s + kColumns + u" FROM rooms WHERE id = ?"_s, { id });
    if (!query.next())
        return std::nullopt;
    return readRoom(query);
}

std::optional<RoomRow> RoomRepository::findDirect(const QString &directKey) const
{
    QSqlQuery &query = runCached(
        m_db, u"SELECT "_s + kColumns + u" FROM rooms WHERE direct_key = ?"_s, { directKey });
    if (!query.next())
        return std::nullopt;
    return readRoom(query);
}

QList<RoomRow> RoomRepository::ofMember(const QString &userId) const
{
    QSqlQuery &query = runCached(m_db,
        u"SELECT r.id, r.kind, r.name, r.owner_id, r.last_seq, r.last_ts FROM members m"
        " JOIN rooms r ON r.id = m.room_id WHERE m.user_id = ? ORDER BY r.last_ts DESC, r.id"_s,
        { userId });
    QList<RoomRow> rooms;
    while (query.next())
        rooms.append(readRoom(query));
    return rooms;
}

QHash<QString, qint64> RoomRepository::lastSeqsOfMembers(const QStringList &userIds) const
{
    QSqlQuery &query = runCached(m_db,
        u"SELECT DISTINCT r.id, r.last_seq FROM members m JOIN rooms r ON r.id = m.room_id"
        " WHERE m.user_id IN (SELECT value FROM "_s
            + SqlDialect::jsonListTable(m_db) + u')',
        { jsonList(userIds) });
    QHash<QString, qint64> lastSeqs;
    while (query.next())
        lastSeqs.insert(query.value(0).toString(), query.value(1).toLongLong());
    return lastSeqs;
}

qint64 RoomRepository::takeNextSeq(const QString &id, qint64 ts)
{
    return takeSeqs(id, 1, ts);
}

std::optional<qint64> RoomRepository::takeNextSeqAt(
    const QString &id, qint64 ts, qint64 membersVersion)
{
    static constexpr char sql[] = "UPDATE rooms SET last_seq = last_seq + 1, last_ts = ?"
                                  " WHERE id = ? AND members_version = ? RETURNING last_seq";
    if (SqliteStatement *statement = SqliteStatement::find(m_db, sql)) {
        std::optional<qint64> seq;
        if (statement->bind(1, ts).bind(2, id).bind(3, membersVersion).step())
            seq = statement->int64(0);
        statement->reset();
        return seq;
    }
    static const QString qtSql = QString::fromLatin1(sql);
    QSqlQuery &query = runCached(m_db, qtSql, { ts, id, membersVersion });
    if (!query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

qint64 RoomRepository::takeSeqs(const QString &id, qint64 count, qint64 ts)
{
    QSqlQuery &query = runCached(m_db,
        u"UPDATE rooms SET last_seq = last_seq + ?, last_ts = ? WHERE id = ? RETURNING last_seq"_s,
        { count, ts, id });
    if (!query.next())
        throw StoreError(u"no room "_s + id);
    return query.value(0).toLongLong() - count + 1;
}

void RoomRepository::rename(const QString &id, const QString &name)
{
    runCached(m_db, u"UPDATE rooms SET name = ? WHERE id = ?"_s, { name, id });
}

void RoomRepository::setOwner(const QString &id, const QString &ownerId)
{
    runCached(m_db, u"UPDATE rooms SET owner_id = ? WHERE id = ?"_s, { ownerId, id });
}

} // namespace Confab::Server
