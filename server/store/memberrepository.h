#pragma once

#include "store/roommembercache.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace Confab::Server {

struct MemberRow {
    QString roomId;
    QString userId;
    QString role;
    qint64 joinedSeq = 0;
    qint64 deliveredSeq = 0;
    qint64 readSeq = 0;
    qint64 unread = 0; // messages after readSeq not sent by this member
};

// A member's receipt markers with what the room's row says beside them.
struct MemberMarkers {
    qint64 deliveredSeq = 0;
    qint64 readSeq = 0;
    qint64 unread = 0;
    qint64 roomLastSeq = 0;
    qint64 membersVersion = 0;
};

// A member with what the room shows of them: their user's names and last sighting.
struct MemberProfile {
    MemberRow member;
    QString username;
    QString displayName;
    qint64 lastSeen = 0;
};

// The `members` table: who is in which room, with their receipt markers.
class MemberRepository {
public:
    explicit MemberRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    void add(const MemberRow &member, qint64 ts);
    // Adds `userIds` in one statement, however many there are, each with the markers at its
    // own seq: the first at `firstSeq`, the next at `firstSeq + 1`, and so on. `ownerId`, if
    // among them, becomes the owner.
    void addJoined(const QString &roomId, const QStringList &userIds, qint64 firstSeq,
        const QString &ownerId, qint64 ts);
    void remove(const QString &roomId, const QString &userId);
    std::optional<MemberRow> find(const QString &roomId, const QString &userId) const;
    // The member's markers and the room's last seq and members version, in one statement;
    // nullopt when the user is not a member.
    std::optional<MemberMarkers> markers(const QString &roomId, const QString &userId) const;
    // Who is in the room now (two statements), also kept in the thread's RoomMemberCache;
    // nullopt when there is no such room.
    std::optional<RoomMembers> roomMembers(const QString &roomId) const;
    // The same, from the cache when its entry is of `version` (the room's members_version).
    std::optional<RoomMembers> roomMembersAt(const QString &roomId, qint64 version) const;
    QList<MemberRow> ofRoom(const QString &roomId) const;
    // Every member with their user, in joining order, in one statement.
    QList<MemberProfile> profilesOf(const QString &roomId) const;
    // profilesOf() for every room the user is in, by room id, in one statement.
    QHash<QString, QList<MemberProfile>> profilesOfRoomsOf(const QString &userId) const;
    qint64 countOf(const QString &roomId) const;
    // Which of `userIds` are members of the room already.
    QSet<QString> membersAmong(const QString &roomId, const QStringList &userIds) const;
    QStringList userIdsOf(const QString &roomId) const;
    // Everyone who shares at least one room with the user (without the user).
    QStringList contactsOf(const QString &userId) const;
    void setMarkers(const QString &roomId, const QString &userId, qint64 deliveredSeq,
        qint64 readSeq, qint64 unread);
    // `messages` new messages in the room: each member's unread count grows by those the
    // member did not send (`bySender` counts each sender's). Called through UnreadTally.
    void addUnread(
        const QString &roomId, qint64 messages, const QHash<QString, qint64> &bySender);
    void setRole(const QString &roomId, const QString &userId, const QString &role);

private:
    // Every change of who is in a room moves its members_version.
    void membershipChanged(const QString &roomId);
    QSqlDatabase m_db;
};

} // namespace Confab::Server
