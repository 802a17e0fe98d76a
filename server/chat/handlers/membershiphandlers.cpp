#include "chat/handlers/handlersupport.h"
#include "chat/handlers/handlertable.h"
#include "chat/hub.h"
#include "chat/roomview.h"
#include "chat/servercontext.h"
#include "protocol/codec.h"
#include "protocol/limits.h"
#include "protocol/room.h"
#include "store/storewriter.h"

#include <QDateTime>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// What a membership change wrote, and who hears of it.
struct RoomChange {
    Refusal refused;
    QList<Event> events;
    QStringList members; // members after the change: they get the events
    QHash<QString, QJsonObject> addedViews; // new members: they get `roomAdded`
    QString removedUserId; // gets `roomRemoved`
    QString roomId;
};

// Checks that the caller may change a group: member (else not_member), group (else forbidden),
// and owner when `ownerOnly`.
Refusal checkGroupChange(Repositories &repos, const QString &roomId, const QString &userId,
    bool ownerOnly)
{
    const std::optional<MemberRow> caller = requireMember(repos, roomId, userId);
    if (!caller)
        return notMember();
    const std::optional<RoomRow> room = repos.rooms.find(roomId);
    if (!room || room->kind != Room::Group)
        return refusal(ErrorCode::Forbidden, u"a direct room's members and name are fixed"_s);
    if (ownerOnly && room->ownerId != userId)
        return refusal(ErrorCode::Forbidden, u"only the owner of the group may do this"_s);
    return std::nullopt;
}

QString pushFrame(const QString &type, const QJsonObject &fields)
{
    return QString::fromUtf8(Codec::encode(Codec::push(type, fields)));
}

std::function<void(std::optional<RoomChange>)> finishChange(Session &session, const Request &request)
{
    const Hub &hub = session.context().hub;
    return [&hub, ref = session.ref(), request](std::optional<RoomChange> change) {
        if (!change) {
            postInternalError(ref, request);
            return;
        }
        if (!change->refused) {
            QStringList earlierMembers = change->members;
            for (auto it = change->addedViews.cbegin(); it != change->addedViews.cend(); ++it) {
                earlierMembers.removeAll(it.key());
                hub.deliver({ it.key() }, pushFrame(u"roomAdded"_s, { { "room"_L1, it.value() } }));
            }
            for (const Event &event : std::as_const(change->events))
                hub.deliver(earlierMembers, eventFrame(event), ref.id);
            if (!change->removedUserId.isEmpty())
                hub.deliver({ change->removedUserId },
                    pushFrame(u"roomRemoved"_s, { { "roomId"_L1, change->roomId } }), ref.id);
        }
        const QJsonArray events = eventsJson(change->events);
        postOutcome(ref, request, change->refused, [request, events](Session &session) {
            session.replyOk(request, { { "events"_L1, events } });
        });
    };
}

void handleAddMembers(Session &session, const Request &request)
{
    const Hub &hub = session.context().hub;
    session.context().writer.write<RoomChange>(
        [&hub, userId = session.userId(), roomId = request.string("roomId"_L1),
            userIds = request.strings("userIds"_L1)](Repositories &repos) {
            RoomChange change;
            change.roomId = roomId;
            if ((change.refused = checkGroupChange(repos, roomId, userId, false)))
                return change;
            QStringList toAdd;
            for (const QString &id : userIds) {
                if (!repos.users.findById(id)) {
                    change.refused = refusal(ErrorCode::NotFound, u"no such user: "_s + id);
                    return change;
                }
                if (!toAdd.contains(id) && !repos.members.find(roomId, id))
                    toAdd.append(id);
            }
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            for (const QString &id : toAdd) {
                const Event joined = appendRoomEvent(repos, roomId, Event::MemberJoined, userId, id);
                repos.members.add({ roomId, id, u"member"_s, joined.seq, joined.seq, joined.seq }, now);
                change.events.append(joined);
            }
            const RoomRow room = *repos.rooms.find(roomId);
            for (const QString &id : toAdd)
                change.addedViews.insert(id, buildRoomView(repos, room, id, hub).toJson());
            change.members = repos.members.userIdsOf(roomId);
            return change;
        },
        finishChange(session, request));
}

void handleRemoveMember(Session &session, const Request &request)
{
    const QString targetId = request.string("userId"_L1);
    const bool leaving = targetId == session.userId();
    session.context().writer.write<RoomChange>(
        [userId = session.userId(), roomId = request.string("roomId"_L1), targetId, leaving](
            Repositories &repos) {
            RoomChange change;
            change.roomId = roomId;
            if ((change.refused = checkGroupChange(repos, roomId, userId, !leaving)))
                return change;
            const std::optional<MemberRow> target = repos.members.find(roomId, targetId);
            if (!target) {
                change.refused = refusal(ErrorCode::NotFound, u"that user is not a member"_s);
                return change;
            }
            change.events.append(
                appendRoomEvent(repos, roomId, Event::MemberLeft, userId, targetId));
            repos.members.remove(roomId, targetId);
            const QList<MemberRow> remaining = repos.members.ofRoom(roomId);
            // A group keeps an owner: the member who joined first takes over.
            if (target->role == "owner"_L1 && !remaining.isEmpty()) {
                repos.rooms.setOwner(roomId, remaining.first().userId);
                repos.members.setRole(roomId, remaining.first().userId, u"owner"_s);
            }
            for (const MemberRow &member : remaining)
                change.members.append(member.userId);
            change.removedUserId = targetId;
            return change;
        },
        finishChange(session, request));
}

void handleRenameRoom(Session &session, const Request &request)
{
    const QString name = request.string("name"_L1).trimmed();
    if (name.isEmpty() || name.size() > Limits::MaxRoomNameLength) {
        session.fail(request, ErrorCode::BadRequest, u"a group name has 1 to 128 characters"_s);
        return;
    }
    session.context().writer.write<RoomChange>(
        [userId = session.userId(), roomId = request.string("roomId"_L1), name](Repositories &repos) {
            RoomChange change;
            change.roomId = roomId;
            if ((change.refused = checkGroupChange(repos, roomId, userId, true)))
                return change;
            repos.rooms.rename(roomId, name);
            change.events.append(
                appendRoomEvent(repos, roomId, Event::RoomRenamed, userId, QString(), name));
            change.members = repos.members.userIdsOf(roomId);
            return change;
        },
        finishChange(session, request));
}

} // namespace

void registerMembershipHandlers(HandlerTable &table)
{
    table.add(u"addMembers"_s, handleAddMembers);
    table.add(u"removeMember"_s, handleRemoveMember);
    table.add(u"renameRoom"_s, handleRenameRoom);
}

} // namespace Confab::Server
