#include "chat/roomview.h"

#include "chat/hub.h"
#include "protocol/codec.h"

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
    Room room;
    room.roomId = row.id;
    room.kind = row.kind;
    room.name = row.name;
    room.lastSeq = row.lastSeq;
    if (row.kind == Room::Group)
        room.ownerId = row.ownerId;
    room.lastEvent = repos.events.last(row.id);
    const QList<MemberProfile> profiles = repos.members.profilesOf(row.id);
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
    return Codec::encode(Codec::push(u"event"_s, { { "event"_L1, event.toJson() } }));
}

} // namespace Confab::Server
