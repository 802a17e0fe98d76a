#include "chat/handlers/handlersupport.h"

#include <QDateTime>

namespace Confab::Server {

using namespace Qt::StringLiterals;

ProtocolError notMember()
{
    return { ErrorCode::NotMember, u"no such room, or you are not a member"_s };
}

std::optional<MemberRow> requireMember(
    Repositories &repos, const QString &roomId, const QString &userId)
{
    return repos.members.find(roomId, userId);
}

Event appendRoomEvent(Repositories &repos, const QString &roomId, const QString &kind,
    const QString &byId, const QString &userId, const QString &name)
{
    Event event;
    event.roomId = roomId;
    event.ts = QDateTime::currentMSecsSinceEpoch();
    event.seq = repos.rooms.takeNextSeq(roomId, event.ts);
    event.kind = kind;
    event.byId = byId;
    event.userId = userId;
    event.name = name;
    repos.events.insert(event);
    return event;
}

QList<Event> appendMemberships(Repositories &repos, const QString &roomId, const QString &byId,
    const QStringList &userIds, const QString &ownerId)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 firstSeq = repos.rooms.takeSeqs(roomId, userIds.size(), now);
    repos.events.insertJoins(roomId, userIds, firstSeq, byId, now);
    repos.members.addJoined(roomId, userIds, firstSeq, ownerId, now);
    QList<Event> events;
    events.reserve(userIds.size());
    for (qsizetype i = 0; i < userIds.size(); ++i) {
        Event joined;
        joined.roomId = roomId;
        joined.ts = now;
        joined.seq = firstSeq + i;
        joined.kind = Event::MemberJoined;
        joined.byId = byId;
        joined.userId = userIds.at(i);
        events.append(joined);
    }
    return events;
}

QString firstUnknownUser(Repositories &repos, const QStringList &ids)
{
    const QSet<QString> known = repos.users.existingIds(ids);
    for (const QString &id : ids) {
        if (!known.contains(id))
            return id;
    }
    return {};
}

ProtocolError groupTooLarge(int maxMembers)
{
    return { ErrorCode::TooLarge, u"a group has at most %1 members"_s.arg(maxMembers) };
}

std::optional<QStringList> memberList(
    const QStringList &ids, int maxMembers, Refusal *refused, const QString &first)
{
    // Checked before the work below, which is linear but on the socket's thread.
    if (ids.size() > 4 * qint64(maxMembers)) {
        *refused = groupTooLarge(maxMembers);
        return std::nullopt;
    }
    QStringList unique;
    QSet<QString> seen;
    if (!first.isEmpty()) {
        unique.append(first);
        seen.insert(first);
    }
    for (const QString &id : ids) {
        if (!seen.contains(id)) {
            seen.insert(id);
            unique.append(id);
        }
    }
    if (unique.size() > maxMembers) {
        *refused = groupTooLarge(maxMembers);
        return std::nullopt;
    }
    return unique;
}

QJsonArray eventsJson(const QList<Event> &events)
{
    QJsonArray array;
    for (const Event &event : events)
        array.append(event.toJson());
    return array;
}

void postOutcome(const SessionRef &ref, const Request &request, const Refusal &refused,
    std::function<void(Session &)> onSuccess)
{
    ref.post([request, refused, onSuccess = std::move(onSuccess)](Session &session) {
        if (refused)
            session.fail(request, refused->code, refused->message);
        else
            onSuccess(session);
    });
}

void postInternalError(const SessionRef &ref, const Request &request)
{
    ref.post([request](Session &session) {
        session.fail(request, ErrorCode::Internal, u"the server could not complete this"_s);
    });
}

} // namespace Confab::Server
