#include "chat/newmembersview.h"

#include "chat/hub.h"
#include "chat/roomview.h"
#include "protocol/codec.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Confab::Server {

using namespace Qt::StringLiterals;

NewMembersView::NewMembersView(
    const RoomRow &row, const QList<MemberProfile> &profiles, const Event &newest, const Hub &hub)
{
    Room room;
    room.roomId = row.id;
    room.kind = row.kind;
    room.name = row.name;
    room.ownerId = row.ownerId;
    room.lastSeq = newest.seq;
    room.lastEvent = newest;
    m_roomWithoutMembers = room.toJson();
    m_roomWithoutMembers.remove("members"_L1);
    for (const RoomMember &member : roomMembers(profiles, hub)) {
        m_members.append(member.toJson());
        m_readSeqByUser.insert(member.userId, member.readSeq);
    }
    m_membersJson = QJsonDocument(m_members).toJson(QJsonDocument::Compact);
}

QJsonObject NewMembersView::roomWithoutMembersFor(const QString &userId) const
{
    QJsonObject room = m_roomWithoutMembers;
    room.insert("readSeq"_L1, m_readSeqByUser.value(userId));
    room.insert("unread"_L1, 0);
    return room;
}

QJsonObject NewMembersView::roomFor(const QString &userId) const
{
    QJsonObject room = roomWithoutMembersFor(userId);
    room.insert("members"_L1, m_members);
    return room;
}

QByteArray NewMembersView::roomAddedFrameFor(const QString &userId) const
{
    const QByteArray room
        = Codec::encodeWithRaw(roomWithoutMembersFor(userId), "members"_L1, m_membersJson);
    return Codec::encodeWithRaw(Codec::push(u"roomAdded"_s), "room"_L1, room);
}

} // namespace Confab::Server
