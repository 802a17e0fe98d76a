#include "sync/roomlisting.h"

namespace Confab {

void RoomListing::added(const Room &room)
{
    if (m_inFlight == 0)
        return;
    m_added.insert(room.roomId, room);
    m_removed.remove(room.roomId);
}

void RoomListing::removed(const QString &roomId)
{
    if (m_inFlight == 0)
        return;
    m_removed.insert(roomId);
    m_added.remove(roomId);
}

QList<Room> RoomListing::finished(QList<Room> rooms)
{
    rooms.removeIf([this](const Room &room) {
        return m_removed.contains(room.roomId) || m_added.contains(room.roomId);
    });
    rooms.append(m_added.values()); // the push is the newer word on a room
    done();
    return rooms;
}

void RoomListing::done()
{
    if (--m_inFlight > 0)
        return;
    m_inFlight = 0;
    m_added.clear();
    m_removed.clear();
}

} // namespace Confab
