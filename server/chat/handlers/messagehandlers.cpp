#include "chat/handlers/handlersupport.h"
#include "chat/handlers/handlertable.h"
#include "chat/hub.h"
#include "chat/roomview.h"
#include "chat/servercontext.h"
#include "config/serverconfig.h"
#include "limits/ratelimiter.h"
#include "net/wireframe.h"
#include "protocol/jsonwriter.h"
#include "protocol/limits.h"
#include "protocol/room.h"
#include "store/roommembercache.h"
#include "store/storeerror.h"
#include "store/storewriter.h"
#include "store/workerpool.h"

#include <QDateTime>

#include <algorithm>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

struct SendOutcome {
    Refusal refused;
    Event event;
    QStringList recipients; // empty for a repeated clientMsgId: nothing new to announce
};

struct NewMessage {
    QString senderId;
    QString roomId;
    QString clientMsgId;
    QString text;
    QString attachmentId;
    qint64 replyTo = 0;
};

// Why the sender may not post this message in this room, as its members are now.
Refusal checkPoster(Repositories &repos, const NewMessage &message, const RoomMembers &room)
{
    if (!room.userIds.contains(message.senderId))
        return notMember();
    if (room.kind == Room::Direct) {
        for (const QString &memberId : room.userIds) {
            if (memberId != message.senderId
                && repos.blocks.eitherBlocks(memberId, message.senderId))
                return refusal(ErrorCode::Blocked, u"one of you blocks the other"_s);
        }
    }
    return std::nullopt;
}

// The reply to every message sent, written straight out rather than built as a tree.
QByteArray sentReply(const Request &request, const Event &event)
{
    JsonWriter out;
    out.beginObject().key("clientMsgId"_L1).value(event.clientMsgId);
    if (!request.id.isEmpty())
        out.key("id"_L1).value(request.id);
    out.key("roomId"_L1).value(event.roomId).key("seq"_L1).value(event.seq);
    out.key("ts"_L1).value(event.ts).key("type"_L1).value(u"sent"_s).endObject();
    return out.take();
}

SendOutcome storeMessage(Repositories &repos, const NewMessage &message)
{
    SendOutcome outcome;
    // A repeated clientMsgId, in any room, returns the original and creates nothing.
    if (const std::optional<Event> original
        = repos.events.findByClientMsgId(message.senderId, message.clientMsgId)) {
        outcome.event = *original;
        return outcome;
    }
    std::optional<AttachmentRow> attachment;
    Event &event = outcome.event;
    event.ts = QDateTime::currentMSecsSinceEpoch();
    // Usually the member list is the cached one and taking the seq confirms it is current;
    // if the room's members changed since, it is read again and checked again.
    std::optional<RoomMembers> room = RoomMemberCache::find(message.roomId);
    if (!room || !room->userIds.contains(message.senderId))
        room = repos.members.roomMembers(message.roomId);
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (!room) {
            outcome.refused = notMember();
            return outcome;
        }
        if ((outcome.refused = checkPoster(repos, message, *room)))
            return outcome;
        if (!message.attachmentId.isEmpty() && !attachment) {
            // Only its uploader may post a file; to anyone else it does not exist.
            attachment = repos.attachments.find(message.attachmentId);
            if (!attachment || attachment->ownerId != message.senderId) {
                outcome.refused = refusal(ErrorCode::NotFound, u"no such attachment"_s);
                return outcome;
            }
        }
        if (message.replyTo > 0 && !repos.events.exists(message.roomId, message.replyTo)) {
            outcome.refused
                = refusal(ErrorCode::BadRequest, u"replyTo names no event of this room"_s);
            return outcome;
        }
        if (const auto seq = repos.rooms.takeNextSeqAt(message.roomId, event.ts, room->version)) {
            event.seq = *seq;
            break;
        }
        room = repos.members.roomMembers(message.roomId);
    }
    if (event.seq == 0)
        throw StoreError(u"the members of room "_s + message.roomId + u" keep changing"_s);
    event.roomId = message.roomId;
    event.kind = Event::Message;
    event.senderId = message.senderId;
    event.clientMsgId = message.clientMsgId;
    event.text = message.text;
    event.replyTo = message.replyTo;
    if (attachment)
        event.attachment = attachment->toJson();
    repos.events.insert(event);
    repos.unread.count(message.roomId, message.senderId);
    outcome.recipients = room->userIds;
    return outcome;
}

void handleSend(Session &session, const Request &request)
{
    ServerContext &context = session.context();
    if (const qint64 wait = context.sendLimiter.take(session.userId())) {
        session.fail(request, ErrorCode::RateLimited, u"sending too fast"_s,
            { { "retryAfterMs"_L1, wait } });
        return;
    }
    if (request.string("clientMsgId"_L1).isEmpty()) {
        session.fail(request, ErrorCode::BadRequest, u"clientMsgId has 1 to 64 characters"_s);
        return;
    }
    const QString text = request.string("text"_L1);
    if (text.toUtf8().size() > context.config.maxTextBytes) {
        session.fail(request, ErrorCode::TooLarge, u"the text is longer than the server accepts"_s);
        return;
    }
    const QString attachmentId = request.string("attachmentId"_L1);
    if (text.trimmed().isEmpty() && attachmentId.isEmpty()) {
        session.fail(request, ErrorCode::BadRequest, u"a message needs text"_s);
        return;
    }
    const NewMessage message { session.userId(), request.string("roomId"_L1),
        request.string("clientMsgId"_L1), text, attachmentId, request.integer("replyTo"_L1) };
    const Hub &hub = context.hub;
    context.writer.write<SendOutcome>(
        [message](Repositories &repos) { return storeMessage(repos, message); },
        [&hub, ref = session.ref(), request](std::optional<SendOutcome> outcome) {
            if (!outcome) {
                postInternalError(ref, request);
                return;
            }
            const Event event = outcome->event;
            auto replySent = [ref, request, event] {
                postOutcome(ref, request, std::nullopt, [request, event](Session &session) {
                    session.sendWire(WireFrame::text(sentReply(request, event)));
                });
            };
            if (outcome->refused || outcome->recipients.isEmpty()) { // refused, or a repeat
                if (outcome->refused)
                    postOutcome(ref, request, outcome->refused, {});
                else
                    replySent();
                return;
            }
            // Posted from this one thread in commit order (and with other nodes, in the
            // room's order), so every session sees a room's events and its own `sent`
            // replies in seq order.
            hub.deliverEvent(outcome->recipients, event, ref.id, std::move(replySent));
        },
        StoreWriter::UnreadUse::OnlyTallies);
}

void handleHistory(Session &session, const Request &request)
{
    const QString roomId = request.string("roomId"_L1);
    const int limit = int(std::clamp<qint64>(
        request.integer("limit"_L1, Limits::DefaultHistoryLimit), 1, Limits::MaxHistoryLimit));
    auto bound = [&request](QLatin1StringView field) {
        return request.has(field) ? std::optional<qint64>(request.integer(field)) : std::nullopt;
    };
    const std::optional<qint64> before = bound("before"_L1);
    const std::optional<qint64> after = bound("after"_L1);
    struct Page {
        Refusal refused;
        EventPage page;
    };
    session.context().readers.read<Page>(
        [userId = session.userId(), roomId, before, after, limit](Repositories &repos) {
            if (!requireMember(repos, roomId, userId))
                return Page { notMember(), {} };
            return Page { std::nullopt, repos.events.page(roomId, before, after, limit) };
        },
        [ref = session.ref(), request, roomId](std::optional<Page> result) {
            if (!result) {
                postInternalError(ref, request);
                return;
            }
            const QJsonArray events = eventsJson(result->page.events);
            const bool hasMore = result->page.hasMore;
            postOutcome(ref, request, result->refused,
                [request, roomId, events, hasMore](Session &session) {
                    session.reply(request, u"history"_s,
                        { { "roomId"_L1, roomId }, { "events"_L1, events },
                            { "hasMore"_L1, hasMore } });
                });
        });
}

} // namespace

void registerMessageHandlers(HandlerTable &table)
{
    // `send` has its own budget, so it is not counted against the general one.
    table.add(u"send"_s, handleSend, HandlerTable::SignedIn | HandlerTable::Writer);
    table.add(u"history"_s, handleHistory, SignedInRead);
}

} // namespace Confab::Server
