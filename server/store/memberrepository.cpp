#include "store/memberrepository.h"

#include "store/roommembercache.h"
#include "store/sqldialect.h"
#include "store/sqlquery.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <tuple>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
const QString kColumns = u"room_id, user_id, role, joined_seq, delivered_seq, read_seq, unread"_s;

MemberRow readMember(const QSqlQuery &query)
{
    return { query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
        query.value(3).toLongLong(), query.value(4).toLongLong(), query.value(5).toLongLong(),
        query.value(6).toLongLong() };
}

// A member row (alias m) with its user (alias u), for MemberProfile.
const QString kProfileColumns = u"m.room_id, m.user_id, m.role, m.joined_seq, m.delivered_seq,"
                                " m.read_seq, m.unread, u.username, u.display_name, u.last_seen"_s;

MemberProfile readProfile(const QSqlQuery &query)
{
    return { readMember(query), query.value(7).toString(), query.value(8).toString(),
        query.value(9).toLongLong() };
}

QStringList firstColumn(QSqlQuery &query)
{
    QStringList values;
    while (query.next())
        values.append(query.value(0).toString());
    return values;
}
} // namespace

void MemberRepository::membershipChanged(const QString &roomId)
{
    runCached(
        m_db, u"UPDATE rooms SET members_version = members_version + 1 WHERE id = ?"_s, { roomId });
}

void MemberRepository::add(const MemberRow &member, qint64 ts)
{
    runCached(m_db,
        u"INSERT INTO members (room_id, user_id, role, joined_seq, delivered_seq, read_seq,"
        " joined_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
        { member.roomId, member.userId, member.role, member.joinedSeq, member.deliveredSeq,
            member.readSeq, ts });
    membershipChanged(member.roomId);
}

void MemberRepository::addJoined(const QString &roomId, const QStringList &userIds, qint64 firstSeq,
    const QString &ownerId, qint64 ts)
{
    runCached(m_db,
        u"INSERT INTO members (room_id, user_id, role, joined_seq, delivered_seq, read_seq,"
        " joined_at) SELECT ?, value, CASE WHEN value = ? THEN 'owner' ELSE 'member' END,"
        " ? + key, ? + key, ? + key, CAST(? AS BIGINT) FROM "_s
            + SqlDialect::jsonListTable(m_db),
        { roomId, ownerId, firstSeq, firstSeq, firstSeq, ts, jsonList(userIds) });
    membershipChanged(roomId);
}

void MemberRepository::remove(const QString &roomId, const QString &userId)
{
    runCached(m_db, u"DELETE FROM members WHERE room_id = ? AND user_id = ?"_s, { roomId, userId });
    membershipChanged(roomId);
}

std::optional<RoomMembers> MemberRepository::roomMembers(const QString &roomId) const
{
    // The version first: a change between the two reads then only makes the entry look
    // older than it is, and the next use loads it again.
    QSqlQuery &room
        = runCached(m_db, u"SELECT members_version, kind FROM rooms WHERE id = ?"_s, { roomId });
    if (!room.next())
        return std::nullopt;
    RoomMembers members { room.value(0).toLongLong(), room.value(1).toString(), {} };
    room.finish();
    members.userIds = userIdsOf(roomId);
    RoomMemberCache::store(roomId, members);
    return members;
}

std::optional<RoomMembers> MemberRepository::roomMembersAt(
    const QString &roomId, qint64 version) const
{
    std::optional<RoomMembers> cached = RoomMemberCache::find(roomId);
    if (cached && cached->version == version)
        return cached;
    return roomMembers(roomId);
}

std::optional<MemberMarkers> MemberRepository::markers(
    const QString &roomId, const QString &userId) const
{
    QSqlQuery &query = runCached(m_db,
        u"SELECT m.delivered_seq, m.read_seq, m.unread, r.last_seq, r.members_version"
        " FROM members m JOIN rooms r ON r.id = m.room_id"
        " WHERE m.room_id = ? AND m.user_id = ?"_s,
        { roomId, userId });
    if (!query.next())
        return std::nullopt;
    return MemberMarkers { query.value(0).toLongLong(), query.value(1).toLongLong(),
        query.value(2).toLongLong(), query.value(3).toLongLong(), query.value(4).toLongLong() };
}

std::optional<MemberRow> MemberRepository::find(const QString &roomId, const QString &userId) const
{
    QSqlQuery &query = runCached(m_db,
        u"SELECT "_s + kColumns + u" FROM members WHERE room_id = ? AND user_id = ?"_s,
        { roomId, userId });
    if (!query.next())
        return std::nullopt;
    return readMember(query);
}

QList<MemberRow> MemberRepository::ofRoom(const QString &roomId) const
{
    QSqlQuery &query = runCached(m_db,
        u"SELECT "_s + kColumns
            + u" FROM members WHERE room_id = ? ORDER BY joined_at, joined_seq"_s,
        { roomId });
    QList<MemberRow> members;
    while (query.next())
        members.append(readMember(query));
    return members;
}

QList<MemberProfile> MemberRepository::profilesOf(const QString &roomId) const
{
    QSqlQuery &query = runCached(m_db,
        u"SELECT "_s + kProfileColumns
            + u" FROM members m JOIN users u ON u.id = m.user_id"
              " WHERE m.room_id = ? ORDER BY m.joined_at, m.joined_seq"_s,
        { roomId });
    QList<MemberProfile> profiles;
    while (query.next())
        profiles.append(readProfile(query));
    return profiles;
}

QHash<QString, QList<MemberProfile>> MemberRepository::profilesOfRoomsOf(
    const QString &userId) const
{
    // Put in join order here, room by room: sorting every row of every room in SQLite took
    // as long as finding them.
    static const QString sql = u"SELECT "_s + kProfileColumns
        + u", m.joined_at FROM members mine JOIN members m ON m.room_id = mine.room_id"
          " JOIN users u ON u.id = m.user_id WHERE mine.user_id = ?"_s;
    QSqlQuery &query = runCached(m_db, sql, { userId });
    struct Joined {
        qint64 at;
        qint64 seq;
        MemberProfile profile;
    };
    QHash<QString, QList<Joined>> joined;
    while (query.next()) {
        MemberProfile profile = readProfile(query);
        const qint64 at = query.value(10).toLongLong();
        const qint64 seq = profile.member.joinedSeq;
        joined[profile.member.roomId].append({ at, seq, std::move(profile) });
    }
    QHash<QString, QList<MemberProfile>> byRoom;
    byRoom.reserve(joined.size());
    for (auto it = joined.begin(); it != joined.end(); ++it) {
        QList<Joined> &members = it.value();
        std::sort(members.begin(), members.end(), [](const Joined &a, const Joined &b) {
            return std::tie(a.at, a.seq) < std::tie(b.at, b.seq);
        });
        QList<MemberProfile> &profiles = byRoom[it.key()];
        profiles.reserve(members.size());
        for (Joined &member : members)
            profiles.append(std::move(member.profile));
    }
    return byRoom;
}

qint64 MemberRepository::countOf(const QString &roomId) const
{
    return cachedValue(m_db, u"SELECT COUNT(*) FROM members WHERE room_id = ?"_s, { roomId }, 0)
        .toLongLong();
}

QSet<QString> MemberRepository::membersAmong(
    const QString &roomId, const QStringList &userIds) const
{
    QSqlQuery &query = runCached(m_db,
        u"SELECT user_id FROM members WHERE room_id = ? AND user_id IN (SELECT value FROM "_s
            + SqlDialect::jsonListTable(m_db) + u')',
        { roomId, jsonList(userIds) });
    QSet<QString> found;
    while (query.next())
        found.insert(query.value(0).toString());
    return found;
}

QStringList MemberRepository::userIdsOf(const QString &roomId) const
{
    return firstColumn(
        runCached(m_db, u"SELECT user_id FROM members WHERE room_id = ?"_s, { roomId }));
}

QStringList MemberRepository::contactsOf(const QString &userId) const
{
    return firstColumn(runCached(m_db,
        u"SELECT DISTINCT other.user_id FROM members mine JOIN members other"
        " ON other.room_id = mine.room_id WHERE mine.user_id = ? AND other.user_id <> ?"_s,
        { userId, userId }));
}

void MemberRepository::setMarkers(const QString &roomId, const QString &userId, qint64 deliveredSeq,
    qint64 readSeq, qint64 unread)
{
    runCached(m_db,
        u"UPDATE members SET delivered_seq = ?, read_seq = ?, unread = ?"
        " WHERE room_id = ? AND user_id = ?"_s,
        { deliveredSeq, readSeq, unread, roomId, userId });
}

void MemberRepository::addUnread(
    const QString &roomId, qint64 messages, const QHash<QString, qint64> &bySender)
{
    if (bySender.size() == 1) {
        runCached(m_db,
            u"UPDATE members SET unread = unread + ? WHERE room_id = ? AND user_id <> ?"_s,
            { messages, roomId, bySender.cbegin().key() });
        return;
    }
    // Each member's own messages, looked up in one JSON object that SQLite parses once per
    // statement rather than once per row.
    QJsonObject own;
    for (auto sender = bySender.cbegin(); sender != bySender.cend(); ++sender)
        own.insert(sender.key(), sender.value());
    runCached(m_db,
        u"UPDATE members SET unread = unread + ? - coalesce("_s
            + SqlDialect::jsonObjectNumber(m_db, u"user_id"_s) + u", 0) WHERE room_id = ?"_s,
        { messages, QString::fromUtf8(QJsonDocument(own).toJson(QJsonDocument::Compact)), roomId });
}

void MemberRepository::setRole(const QString &roomId, const QString &userId, const QString &role)
{
    runCached(m_db, u"UPDATE members SET role = ? WHERE room_id = ? AND user_id = ?"_s,
        { role, roomId, userId });
}

} // namespace Confab::Server
