#pragma once

#include "protocol/room.h"
#include "store/memberrepository.h"
#include "store/roomrepository.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace Confab::Server {

class Hub;

// A group as its new members see it, made from what the writer has at hand after adding
// them: the members with their users (one read), and the newest event. Each new member's
// markers sit at their own memberJoined event and only membership events follow, so their
// unread count is 0; their views differ in nothing but readSeq. The members are encoded
// once; a frame per member costs a copy, not a query or an encoding of every member.
class NewMembersView {
public:
    NewMembersView(const RoomRow &row, const QList<MemberProfile> &profiles, const Event &newest,
        const Hub &hub);

    QJsonObject roomFor(const QString &userId) const;
    QByteArray roomAddedFrameFor(const QString &userId) const;

private:
    QJsonObject roomWithoutMembersFor(const QString &userId) const;

    QJsonObject m_roomWithoutMembers;
    QJsonArray m_members;
    QByteArray m_membersJson; // m_members, encoded once for every frame
    QHash<QString, qint64> m_readSeqByUser;
};

} // namespace Confab::Server
