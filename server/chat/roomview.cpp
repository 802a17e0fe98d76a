#include "chat/roomview.h"

#include "chat/hub.h"
#include "protocol/jsonwriter.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

QList<RoomMember> roomMembers(const QList<MemberProfile> &profiles, const Hub &hub)
{
    QList<RoomMember> members;
    members.reserve(profiles.size());
    for (const MemberProfile &profile : profiles) {
        const MemberRow &row = profile.member;
        members.append({ row.userId, profile.username, profile.displayName, row.role,
            hub.isOnline(row.userId), profile.lastSeen, row.deliveredSeq, row.readSeq });
    }
    return members;
}

Room buildRoomView(Repositories &repos, const RoomRow &row, const QString &viewerId, const Hub &hub)
{
    return buildRoomView(
        row, repos.events.last(row.id), repos.members.profilesOf(row.id), viewerId, hub);
}

QList<Room> buildRoomViewsOf(Repositories &repos, const QString &viewerId, const Hub &hub)
{
    const QList<RoomRow> rows = repos.rooms.ofMember(viewerId);
    const QHash<QString, Event> lastEvents = repos.events.lastOfRoomsOf(viewerId);
    const QHash<QString, QList<MemberProfile>> profiles = repos.members.profilesOfRoomsOf(viewerId);
    QList<Room> rooms;
    rooms.reserve(rows.size());
    for (const RoomRow &row : rows) {
        const auto last = lastEvents.constFind(row.id);
        rooms.append(buildRoomView(row,
            last == lastEvents.cend() ? std::nullopt : std::optional<Event>(*last),
            profiles.value(row.id), viewerId, hub));
    }
    return rooms;
}

Room buildRoomView(const RoomRow &row, std::optional<Event> lastEvent,
    const QList<MemberProfile> &profiles, const QString &viewerId, const Hub &hub)
{
    Room room;
    room.roomId = row.id;
    room.kind = row.kind;
    room.name = row.name;
    room.lastSeq = row.lastSeq;
    if (row.kind == Room::Group)
        room.ownerId = row.ownerId;
    room.lastEvent = std::move(lastEvent);
    room.members = roomMembers(profiles, hub);
    for (const MemberProfile &profile : profiles) {
        if (profile.member.userId == viewerId) {
            room.readSeq = profile.member.readSeq;
            room.unread = profile.member.unread;
        } else if (row.kind == Room::Direct) {
            room.name = profile.displayName;
        }
    }
    return room;
}

QByteArray eventFrame(const Event &event)
{
    // Made for every message: written straight out, not built as a tree first.
    JsonWriter out;
    out.beginObject().key("event"_L1);
    event.writeJson(out);
    out.key("type"_L1).value(u"event"_s).endObject();
    return out.take();
}

} // namespace Confab::Server
