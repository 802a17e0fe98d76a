#include "store/roommembercache.h"

#include <unordered_map>

namespace Confab::Server {

namespace {
thread_local std::unordered_map<QString, RoomMembers> t_rooms;
} // namespace

std::optional<RoomMembers> RoomMemberCache::find(const QString &roomId)
{
    const auto it = t_rooms.find(roomId);
    if (it == t_rooms.end())
        return std::nullopt;
    return it->second; // implicitly shared: a copy costs two reference counts
}

void RoomMemberCache::store(const QString &roomId, const RoomMembers &members)
{
    if (qsizetype(t_rooms.size()) >= MaxRooms && !t_rooms.contains(roomId))
        t_rooms.clear();
    t_rooms[roomId] = members;
}

void RoomMemberCache::clear()
{
    t_rooms.clear();
}

} // namespace Confab::Server
