#pragma once

#include "chat/sessionref.h"
#include "protocol/errorcode.h"
#include "protocol/event.h"
#include "store/repositories.h"

#include <QJsonArray>
#include <QStringList>

#include <optional>

namespace Confab::Server {

// What handlers share: refusals found inside a store job and the replies that follow it.
using Refusal = std::optional<ProtocolError>;

inline ProtocolError refusal(ErrorCode code, const QString &message)
{
    return { code, message };
}

ProtocolError notMember();

// The caller's membership, or a not_member refusal (a missing room looks the same).
std::optional<MemberRow> requireMember(
    Repositories &repos, const QString &roomId, const QString &userId);

// Appends an event of a non-message kind to a room's log and returns it.
Event appendRoomEvent(Repositories &repos, const QString &roomId, const QString &kind,
    const QString &byId, const QString &userId = {}, const QString &name = {});

// Adds `userIds` to a room, added by `byId`, with a memberJoined event each (in that order):
// a fixed number of statements however many join. Their markers start at their own event.
QList<Event> appendMemberships(Repositories &repos, const QString &roomId, const QString &byId,
    const QStringList &userIds, const QString &ownerId = {});

// The first of `ids` that names no user, or an empty string.
QString firstUnknownUser(Repositories &repos, const QStringList &ids);

ProtocolError groupTooLarge(int maxMembers);

// The ids a createGroup or addMembers names, without repeats, in their first order: the
// caller's `first` (when given) leads. Nothing, with the refusal in `refused`, when the list is
// longer than any group may be (repeats are allowed, up to four times the limit).
std::optional<QStringList> memberList(
    const QStringList &ids, int maxMembers, Refusal *refused, const QString &first = {});

QJsonArray eventsJson(const QList<Event> &events);

// On the session's thread: the error when `refused`, else `onSuccess`.
void postOutcome(const SessionRef &ref, const Request &request, const Refusal &refused,
    std::function<void(Session &)> onSuccess);
void postInternalError(const SessionRef &ref, const Request &request);

} // namespace Confab::Server
