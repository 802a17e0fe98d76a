#include "chat/handlers/handlersupport.h"
#include "chat/handlers/handlertable.h"
#include "chat/hub.h"
#include "chat/servercontext.h"
#include "protocol/codec.h"
#include "store/storewriter.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

struct MarkerChange {
    Refusal refused;
    qint64 deliveredSeq = 0;
    qint64 readSeq = 0;
    qint64 unread = 0;
    bool changed = false;
    QStringList members;
};

MarkerChange moveMarkers(
    Repositories &repos, const QString &roomId, const QString &userId, qint64 seq, bool read)
{
    MarkerChange change;
    const std::optional<MemberMarkers> member = repos.members.markers(roomId, userId);
    if (!member) {
        change.refused = notMember();
        return change;
    }
    // Markers only move forward, and never past the end of the log.
    const qint64 target = qMin(seq, member->roomLastSeq);
    change.readSeq = read ? qMax(member->readSeq, target) : member->readSeq;
    change.deliveredSeq
        = qMax(qMax(member->deliveredSeq, read ? change.readSeq : target), change.readSeq);
    change.changed
        = change.readSeq != member->readSeq || change.deliveredSeq != member->deliveredSeq;
    // Counted again only when reading moved: what is left after readSeq, which a reader has
    // usually just brought to nothing.
    change.unread = change.readSeq != member->readSeq
        ? repos.events.countUnread(roomId, change.readSeq, userId)
        : member->unread;
    if (!change.changed)
        return change; // nobody is told, so nobody need be looked up
    repos.members.setMarkers(roomId, userId, change.deliveredSeq, change.readSeq, change.unread);
    if (const auto room = repos.members.roomMembersAt(roomId, member->membersVersion))
        change.members = room->userIds;
    return change;
}

void handleMark(Session &session, const Request &request, bool read)
{
    const Hub &hub = session.context().hub;
    const QString roomId = request.string("roomId"_L1);
    const QString userId = session.userId();
    session.context().writer.write<MarkerChange>(
        [roomId, userId, seq = request.integer("seq"_L1), read](
            Repositories &repos) { return moveMarkers(repos, roomId, userId, seq, read); },
        [&hub, ref = session.ref(), request, roomId, userId](std::optional<MarkerChange> change) {
            if (!change) {
                postInternalError(ref, request);
                return;
            }
            QJsonObject markers { { "roomId"_L1, roomId },
                { "deliveredSeq"_L1, change->deliveredSeq }, { "readSeq"_L1, change->readSeq } };
            if (!change->refused && change->changed) {
                QJsonObject receipt = markers;
                receipt.insert("userId"_L1, userId);
                QStringList others = change->members;
                others.removeAll(userId);
                hub.deliver(
                    others, Codec::encode(Codec::push(u"receipt"_s, receipt)));
                // The user's own other sessions also learn the new unread count.
                receipt.insert("unread"_L1, change->unread);
                hub.deliver({ userId },
                    Codec::encode(Codec::push(u"receipt"_s, receipt)), ref.id);
            }
            markers.insert("unread"_L1, change->unread);
            postOutcome(ref, request, change->refused,
                [request, markers](Session &session) { session.replyOk(request, markers); });
        });
}

void handleMarkDelivered(Session &session, const Request &request)
{
    handleMark(session, request, false);
}
void handleMarkRead(Session &session, const Request &request)
{
    handleMark(session, request, true);
}

} // namespace

void registerReceiptHandlers(HandlerTable &table)
{
    table.add(u"markDelivered"_s, handleMarkDelivered, SignedInWrite);
    table.add(u"markRead"_s, handleMarkRead, SignedInWrite);
}

} // namespace Confab::Server
