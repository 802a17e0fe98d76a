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
    room.members = roomMembers(repos.members.profilesOf(row.id), hub);
    for (const RoomMember &member : std::as_const(room.members)) {
        if (member.userId == viewerId) {
            room.readSeq = member.readSeq;
            room.unread = repos.events.countUnread(row.id, member.readSeq, viewerId);
        } else if (row.kind == Room::Direct) {
            room.name = member.displayName;
        }
    }
    return room;
}

QString eventFrame(const Event &event)
{
    return QString::fromUtf8(
        Codec::encode(Codec::push(u"event"_s, { { "event"_L1, event.toJson() } })));
}

} // namespace Confab::Server
