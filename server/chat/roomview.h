#pragma once

#include "protocol/room.h"
#include "store/repositories.h"

namespace Confab::Server {

class Hub;

// Builds a room as one member sees it (their markers and unread count, a direct room
// named after the other member), with live presence from the hub.
Room buildRoomView(
    Repositories &repos, const RoomRow &row, const QString &viewerId, const Hub &hub);
// The same from what was read already (for many rooms at once).
Room buildRoomView(const RoomRow &row, std::optional<Event> lastEvent,
    const QList<MemberProfile> &profiles, const QString &viewerId, const Hub &hub);

// Every room the viewer is in, as buildRoomView() shows it, in a fixed number of statements.
QList<Room> buildRoomViewsOf(Repositories &repos, const QString &viewerId, const Hub &hub);

// The members of a room as every viewer sees them, with live presence from the hub.
QList<RoomMember> roomMembers(const QList<MemberProfile> &profiles, const Hub &hub);

// The frame of an `event` push, serialised once for every recipient.
QByteArray eventFrame(const Event &event);

} // namespace Confab::Server
