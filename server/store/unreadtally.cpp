#include "store/unreadtally.h"

#include "store/memberrepository.h"

namespace Confab::Server {

void UnreadTally::count(const QString &roomId, const QString &senderId)
{
    Room &room = m_rooms[roomId];
    ++room.messages;
    ++room.bySender[senderId];
}

void UnreadTally::applyTo(MemberRepository &members)
{
    for (auto room = m_rooms.cbegin(); room != m_rooms.cend(); ++room)
        members.addUnread(room.key(), room->messages, room->bySender);
    m_rooms.clear();
}

} // namespace Confab::Server
