#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Confab::Server {

// Who is in a room, as of the room's `members_version`.
struct RoomMembers {
    qint64 version = 0;
    QString kind;
    QStringList userIds;
};

// Member lists of recently used rooms, kept per thread: a send or a receipt then needs no
// query for who is in the room. An entry is only a guess until the caller has checked its
// version against the room's row (every membership change increments it, on any node), so
// the cache never needs to be told of changes.
class RoomMemberCache {
public:
    // Rooms kept per thread; past it, the cache starts again empty.
    static constexpr qsizetype MaxRooms = 20000;

    static std::optional<RoomMembers> find(const QString &roomId);
    static void store(const QString &roomId, const RoomMembers &members);
    // Forgets every entry of this thread: after a rollback, an entry may hold a version
    // number that the database will hand out again for other members.
    static void clear();
};

} // namespace Confab::Server
