#include "chat/handlers/handlersupport.h"
#include "chat/handlers/handlertable.h"
#include "chat/hub.h"
#include "chat/newmembersview.h"
#include "chat/roomview.h"
#include "chat/servercontext.h"
#include "config/serverconfig.h"
#include "net/wireframe.h"
#include "protocol/codec.h"
#include "protocol/ids.h"
#include "protocol/jsonwriter.h"
#include "protocol/limits.h"
#include "store/storewriter.h"
#include "store/workerpool.h"

#include <QDateTime>
#include <QJsonArray>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// A new room as each member sees it, for their `roomAdded` push or the creator's reply.
struct CreatedRoom {
    Refusal refused;
    bool isNew = false;
    QHash<QString, QJsonObject> viewByUser;
};

QByteArray roomAddedFrame(const QJsonObject &room)
{
    return Codec::encode(Codec::push(u"roomAdded"_s, { { "room"_L1, room } }));
}

// Replies `room` to the creator and tells everyone else (the creator's other sessions
// too) with `roomAdded`.
void announceCreatedRoom(Session &session, const Request &request, const CreatedRoom &created)
{
    session.reply(
        request, u"room"_s, { { "room"_L1, created.viewByUser.value(session.userId()) } });
}

std::function<void(std::optional<CreatedRoom>)> finishCreation(
    Session &session, const Request &request)
{
    const Hub &hub = session.context().hub;
    return [&hub, ref = session.ref(), request, userId = session.userId()](
               std::optional<CreatedRoom> created) {
        if (!created) {
            postInternalError(ref, request);
            return;
        }
        if (!created->refused && created->isNew) {
            for (auto it = created->viewByUser.cbegin(); it != created->viewByUser.cend(); ++it)
                hub.deliver({ it.key() }, roomAddedFrame(it.value()), ref.id);
        }
        postOutcome(
            ref, request, created->refused, [request, created = *created](Session &session) {
                announceCreatedRoom(session, request, created);
            });
    };
}

void handleListRooms(Session &session, const Request &request)
{
    const Hub &hub = session.context().hub;
    // The reply is written as JSON text on the reader thread: for hundreds of rooms that is
    // several times cheaper than a QJsonObject tree serialised afterwards.
    session.context().readers.read<QByteArray>(
        [&hub, userId = session.userId(), id = request.id](Repositories &repos) {
            JsonWriter rooms;
            rooms.beginArray();
            for (const Room &room : buildRoomViewsOf(repos, userId, hub))
                room.writeJson(rooms);
            rooms.endArray();
            return WireFrame::text(
                Codec::encodeWithRaw(Codec::reply(u"rooms"_s, id), "rooms"_L1, rooms.take()));
        },
        [ref = session.ref(), request](std::optional<QByteArray> frame) {
            if (!frame) {
                postInternalError(ref, request);
                return;
            }
            ref.post([frame = *frame](Session &session) { session.sendWire(frame); });
        });
}

void handleOpenDirect(Session &session, const Request &request)
{
    const QString peerId = request.string("userId"_L1);
    if (peerId == session.userId()) {
        session.fail(request, ErrorCode::BadRequest, u"a direct room needs another user"_s);
        return;
    }
    const Hub &hub = session.context().hub;
    session.context().writer.write<CreatedRoom>(
        [&hub, userId = session.userId(), peerId](Repositories &repos) {
            CreatedRoom created;
            if (!repos.users.findById(peerId)) {
                created.refused = refusal(ErrorCode::NotFound, u"no such user"_s);
                return created;
            }
            if (repos.blocks.eitherBlocks(userId, peerId)) {
                created.refused = refusal(ErrorCode::Blocked, u"one of you blocks the other"_s);
                return created;
            }
            const QString key = RoomRepository::directKey(userId, peerId);
            std::optional<RoomRow> row = repos.rooms.findDirect(key);
            if (!row) {
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                row = RoomRow { newRandomId(), Room::Direct, QString(), QString(), 0, now };
                repos.rooms.insert(*row, key, now);
                repos.members.add({ row->id, userId, u"member"_s, 0, 0, 0 }, now);
                repos.members.add({ row->id, peerId, u"member"_s, 0, 0, 0 }, now);
                created.isNew = true;
            }
            created.viewByUser.insert(userId, buildRoomView(repos, *row, userId, hub).toJson());
            created.viewByUser.insert(peerId, buildRoomView(repos, *row, peerId, hub).toJson());
            return created;
        },
        finishCreation(session, request));
}

// What createGroup wrote: the room, its members with their users, and the newest event.
struct CreatedGroup {
    Refusal refused;
    RoomRow row;
    QList<MemberProfile> profiles;
    Event newest;
};

CreatedGroup storeGroup(
    Repositories &repos, const QString &ownerId, const QStringList &memberIds, const QString &name)
{
    CreatedGroup created;
    if (const QString unknown = firstUnknownUser(repos, memberIds); !unknown.isEmpty()) {
        created.refused = refusal(ErrorCode::NotFound, u"no such user: "_s + unknown);
        return created;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    created.row = { newRandomId(), Room::Group, name, ownerId, 0, now };
    repos.rooms.insert(created.row, QString(), now);
    // The log starts with one memberJoined per member, the owner first.
    created.newest = appendMemberships(repos, created.row.id, ownerId, memberIds, ownerId).last();
    created.profiles = repos.members.profilesOf(created.row.id);
    return created;
}

void handleCreateGroup(Session &session, const Request &request)
{
    const QString name = request.string("name"_L1).trimmed();
    if (name.isEmpty() || name.size() > Limits::MaxRoomNameLength) {
        session.fail(request, ErrorCode::BadRequest, u"a group name has 1 to 128 characters"_s);
        return;
    }
    Refusal refused;
    const std::optional<QStringList> members = memberList(request.strings("members"_L1),
        session.context().config.maxGroupMembers, &refused, session.userId());
    if (!members) {
        session.fail(request, refused->code, refused->message);
        return;
    }
    const QStringList memberIds = *members;
    const Hub &hub = session.context().hub;
    session.context().writer.write<CreatedGroup>(
        [userId = session.userId(), memberIds, name](
            Repositories &repos) { return storeGroup(repos, userId, memberIds, name); },
        [&hub, ref = session.ref(), request, userId = session.userId(), memberIds](
            std::optional<CreatedGroup> created) {
            if (!created) {
                postInternalError(ref, request);
                return;
            }
            if (created->refused) {
                postOutcome(ref, request, created->refused, [](Session &) {});
                return;
            }
            const auto view = std::make_shared<const NewMembersView>(
                created->row, created->profiles, created->newest, hub);
            // Everyone else, the creator's other sessions too, hears of it with roomAdded.
            hub.deliverEach(
                memberIds, [view](const QString &id) { return view->roomAddedFrameFor(id); },
                ref.id);
            ref.post([request, view, userId](Session &session) {
                session.reply(request, u"room"_s, { { "room"_L1, view->roomFor(userId) } });
            });
        });
}

} // namespace

void registerRoomHandlers(HandlerTable &table)
{
    table.add(u"listRooms"_s, handleListRooms, SignedInRead);
    table.add(u"openDirect"_s, handleOpenDirect, SignedInWrite);
    table.add(u"createGroup"_s, handleCreateGroup, SignedInWrite);
}

} // namespace Confab::Server
