#include "chat/handlers/handlersupport.h"
#include "chat/handlers/handlertable.h"
#include "chat/hub.h"
#include "chat/newmembersview.h"
#include "chat/roomview.h"
#include "chat/servercontext.h"
#include "config/serverconfig.h"
#include "protocol/codec.h"
#include "protocol/limits.h"
#include "protocol/room.h"
#include "store/storewriter.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// What a membership change wrote, and who hears of it.
struct RoomChange {
    Refusal refused;
    QList<Event> events;
    QStringList members; // members after the change: they get the events
    QStringList addedIds; // new members: they get `roomAdded` instead
    RoomRow room; // after the change, when members were added
    QList<MemberProfile> profiles; // likewise
    QString removedUserId; // gets `roomRemoved`
    QString roomId;
};

// Checks that the caller may change a group: member (else not_member), group (else forbidden),
// and owner when `ownerOnly`.
Refusal checkGroupChange(
    Repositories &repos, const QString &roomId, const QString &userId, bool ownerOnly)
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

QByteArray pushFrame(const QString &type, const QJsonObject &fields)
{
    return Codec::encode(Codec::push(type, fields));
}

std::function<void(std::optional<RoomChange>)> finishChange(
    Session &session, const Request &request)
{
    const Hub &hub = session.context().hub;
    return [&hub, ref = session.ref(), request](std::optional<RoomChange> change) {
        if (!change) {
            postInternalError(ref, request);
            return;
        }
        if (!change->refused) {
            QStringList earlierMembers = change->members;
            if (!change->addedIds.isEmpty()) {
                const auto view = std::make_shared<const NewMembersView>(
                    change->room, change->profiles, change->events.last(), hub);
                hub.deliverEach(change->addedIds,
                    [view](const QString &id) { return view->roomAddedFrameFor(id); });
                const QSet<QString> added(change->addedIds.cbegin(), change->addedIds.cend());
                earlierMembers.removeIf([&added](const QString &id) { return added.contains(id); });
            }
            hub.deliverEvents(earlierMembers, change->events, ref.id);
            if (!change->removedUserId.isEmpty())
                hub.deliver({ change->removedUserId },
                    pushFrame(u"roomRemoved"_s, { { "roomId"_L1, change->roomId } }), ref.id);
        }
        postOutcome(
            ref, request, change->refused, [request, events = change->events](Session &session) {
                session.replyOk(request, { { "events"_L1, eventsJson(events) } });
            });
    };
}

RoomChange addToGroup(Repositories &repos, const QString &roomId, const QString &userId,
    const QStringList &userIds, int maxMembers)
{
    RoomChange change;
    change.roomId = roomId;
    if ((change.refused = checkGroupChange(repos, roomId, userId, false)))
        return change;
    if (const QString unknown = firstUnknownUser(repos, userIds); !unknown.isEmpty()) {
        change.refused = refusal(ErrorCode::NotFound, u"no such user: "_s + unknown);
        return change;
    }
    const QSet<QString> already = repos.members.membersAmong(roomId, userIds);
    for (const QString &id : userIds) {
        if (!already.contains(id))
            change.addedIds.append(id);
    }
    if (repos.members.countOf(roomId) + change.addedIds.size() > maxMembers) {
        change.refused = groupTooLarge(maxMembers);
        return change;
    }
    if (!change.addedIds.isEmpty())
        change.events = appendMemberships(repos, roomId, userId, change.addedIds);
    change.room = *repos.rooms.find(roomId);
    change.profiles = repos.members.profilesOf(roomId);
    for (const MemberProfile &profile : std::as_const(change.profiles))
        change.members.append(profile.member.userId);
    return change;
}

void handleAddMembers(Session &session, const Request &request)
{
    const int maxMembers = session.context().config.maxGroupMembers;
    Refusal refused;
    const std::optional<QStringList> members
        = memberList(request.strings("userIds"_L1), maxMembers, &refused);
    if (!members) {
        session.fail(request, refused->code, refused->message);
        return;
    }
    const QStringList userIds = *members;
    session.context().writer.write<RoomChange>(
        [userId = session.userId(), roomId = request.string("roomId"_L1), userIds, maxMembers](
            Repositories &repos) { return addToGroup(repos, roomId, userId, userIds, maxMembers); },
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
        [userId = session.userId(), roomId = request.string("roomId"_L1), name](
            Repositories &repos) {
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
    table.add(u"addMembers"_s, handleAddMembers, SignedInWrite);
    table.add(u"removeMember"_s, handleRemoveMember, SignedInWrite);
    table.add(u"renameRoom"_s, handleRenameRoom, SignedInWrite);
}

} // namespace Confab::Server
