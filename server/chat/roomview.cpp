#include "chat/roomview.h"

#include "chat/hub.h"
#include "protocol/codec.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

Room buildRoomView(Repositories &repos, const RoomRow &row, const QString &viewerId, const Hub &hub)
{
    Room room;
    room.roomId = row.id;
    room.kind = row.kind;
    room.name = row.name;
    room.lastSeq = row.lastSeq;
    if (row.kind == Room::Group)
        room.ownerId = row.ownerId;
    room.lastEvent = repos.events.last(row.id);
    for (const MemberProfile &profile : repos.members.profilesOf(row.id)) {
        const MemberRow &memberRow = profile.member;
        RoomMember member;
        member.userId = memberRow.userId;
        member.username = profile.username;
        member.displayName = profile.displayName;
        member.role = memberRow.role;
        member.online = hub.isOnline(memberRow.userId);
        member.lastSeen = profile.lastSeen;
        member.deliveredSeq = memberRow.deliveredSeq;
        member.readSeq = memberRow.readSeq;
        if (memberRow.userId == viewerId) {
            room.readSeq = memberRow.readSeq;
            room.unread = repos.events.countUnread(row.id, memberRow.readSeq, viewerId);
        } else if (row.kind == Room::Direct) {
            room.name = member.displayName;
        }
        room.members.append(member);
    }
    return room;
}

QString eventFrame(const Event &event)
{
    return QString::fromUtf8(
        Codec::encode(Codec::push(u"event"_s, { { "event"_L1, event.toJson() } })));
}

} // namespace Confab::Server
