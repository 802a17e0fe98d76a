#include "chat/newmembersview.h"

#include "chat/hub.h"
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

    QJsonArray members;
    for (const MemberProfile &profile : profiles) {
        const MemberRow &row = profile.member;
        members.append(RoomMember { row.userId, profile.username, profile.displayName, row.role,
            hub.isOnline(row.userId), profile.lastSeen, row.deliveredSeq, row.readSeq }
                           .toJson());
        m_readSeqByUser.insert(row.userId, row.readSeq);
    }
    m_membersJson = QJsonDocument(members).toJson(QJsonDocument::Compact);
}

QByteArray NewMembersView::roomJsonFor(const QString &userId) const
{
    QJsonObject room = m_roomWithoutMembers;
    room.insert("readSeq"_L1, m_readSeqByUser.value(userId));
    room.insert("unread"_L1, 0);
    return Codec::encodeWithRaw(room, "members"_L1, m_membersJson);
}

QJsonObject NewMembersView::roomFor(const QString &userId) const
{
    return QJsonDocument::fromJson(roomJsonFor(userId)).object();
}

QString NewMembersView::roomAddedFrameFor(const QString &userId) const
{
    return QString::fromUtf8(
        Codec::encodeWithRaw(Codec::push(u"roomAdded"_s), "room"_L1, roomJsonFor(userId)));
}

} // namespace Confab::Server
