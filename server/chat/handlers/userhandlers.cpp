#include "chat/handlers/handlersupport.h"
#include "chat/handlers/handlertable.h"
#include "chat/hub.h"
#include "chat/servercontext.h"
#include "limits/typingthrottle.h"
#include "protocol/codec.h"
#include "protocol/limits.h"
#include "protocol/usersummary.h"
#include "store/storewriter.h"
#include "store/workerpool.h"

#include <QDateTime>

#include <QJsonArray>
#include <algorithm>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

void handleFindUsers(Session &session, const Request &request)
{
    const int limit = int(std::clamp<qint64>(
        request.integer("limit"_L1, Limits::DefaultFindUsersLimit), 1, Limits::MaxFindUsersLimit));
    const Hub &hub = session.context().hub;
    session.context().readers.read<QJsonArray>(
        [&hub, query = request.string("query"_L1), userId = session.userId(), limit](
            Repositories &repos) {
            QJsonArray users;
            for (const UserRow &row : repos.users.search(query, userId, limit)) {
                users.append(UserSummary {
                    row.id, row.username, row.displayName, hub.isOnline(row.id), row.lastSeen }
                                 .toJson());
            }
            return users;
        },
        [ref = session.ref(), request](std::optional<QJsonArray> users) {
            if (!users) {
                postInternalError(ref, request);
                return;
            }
            ref.post([request, users = *users](Session &session) {
                session.reply(request, u"users"_s, { { "users"_L1, users } });
            });
        });
}

void handleBlockChange(Session &session, const Request &request, bool block)
{
    const QString otherId = request.string("userId"_L1);
    if (otherId == session.userId()) {
        session.fail(request, ErrorCode::BadRequest, u"you cannot block yourself"_s);
        return;
    }
    session.context().writer.write<Refusal>(
        [userId = session.userId(), otherId, block](Repositories &repos) -> Refusal {
            if (!repos.users.findById(otherId))
                return refusal(ErrorCode::NotFound, u"no such user"_s);
            if (block)
                repos.blocks.add(userId, otherId, QDateTime::currentMSecsSinceEpoch());
            else
                repos.blocks.remove(userId, otherId);
            return std::nullopt;
        },
        [ref = session.ref(), request](std::optional<Refusal> refused) {
            if (!refused) {
                postInternalError(ref, request);
                return;
            }
            postOutcome(
                ref, request, *refused, [request](Session &session) { session.replyOk(request); });
        });
}

void handleBlock(Session &session, const Request &request)
{
    handleBlockChange(session, request, true);
}
void handleUnblock(Session &session, const Request &request)
{
    handleBlockChange(session, request, false);
}

void handleTyping(Session &session, const Request &request)
{
    const QString roomId = request.string("roomId"_L1);
    const bool typing = request.boolean("typing"_L1);
    const QString userId = session.userId();
    // Extra `typing: true` within a second are dropped; `false` always goes through.
    const bool relay = !typing || session.context().typing.allow(userId, roomId);
    const Hub &hub = session.context().hub;
    session.context().readers.read<QStringList>(
        [roomId, userId](Repositories &repos) {
            return requireMember(repos, roomId, userId) ? repos.members.userIdsOf(roomId)
                                                        : QStringList();
        },
        [&hub, ref = session.ref(), request, roomId, userId, typing, relay](
            std::optional<QStringList> members) {
            if (!members) {
                postInternalError(ref, request);
                return;
            }
            const Refusal refused = members->isEmpty() ? Refusal(notMember()) : std::nullopt;
            if (!refused && relay) {
                QStringList others = *members;
                others.removeAll(userId);
                hub.deliver(others,
                    Codec::encode(Codec::push(u"typing"_s,
                        { { "roomId"_L1, roomId }, { "userId"_L1, userId },
                            { "typing"_L1, typing } })));
            }
            postOutcome(
                ref, request, refused, [request](Session &session) { session.replyOk(request); });
        });
}

} // namespace

void registerUserHandlers(HandlerTable &table)
{
    table.add(u"findUsers"_s, handleFindUsers, SignedInRead);
    table.add(u"block"_s, handleBlock, SignedInWrite);
    table.add(u"unblock"_s, handleUnblock, SignedInWrite);
    table.add(u"typing"_s, handleTyping, SignedInRead);
}

} // namespace Confab::Server
