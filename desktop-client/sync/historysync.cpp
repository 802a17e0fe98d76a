#include "sync/historysync.h"

#include "net/clientlogging.h"
#include "net/replyerror.h"
#include "sync/requestpacer.h"

#include <QJsonArray>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kCatchUpPage = 200;
constexpr int kMaxAhead = 1000;
} // namespace

HistorySync::HistorySync(RequestPacer *pacer, QObject *parent)
    : QObject(parent)
    , m_pacer(pacer)
{
}

qint64 HistorySync::position(const QString &roomId) const
{
    const auto room = m_rooms.constFind(roomId);
    return room == m_rooms.cend() ? -1 : room->position;
}

QList<Event> HistorySync::eventsOf(const QJsonObject &reply) const
{
    QList<Event> events;
    const QJsonArray array = reply.value("events"_L1).toArray();
    for (const QJsonValue &value : array) {
        if (auto event = Event::fromJson(value.toObject()))
            events.append(*event);
    }
    return events;
}

void HistorySync::seen(RoomSync &room, qint64 seq)
{
    if (seq <= room.position)
        return;
    if (seq > room.position + 1) {
        if (room.ahead.size() < kMaxAhead)
            room.ahead.insert(seq);
        return;
    }
    room.position = seq;
    while (room.ahead.remove(room.position + 1))
        ++room.position;
}

void HistorySync::fetch(const QString &roomId, qint64 before, qint64 after, int limit)
{
    QJsonObject fields { { "roomId"_L1, roomId }, { "limit"_L1, limit } };
    if (before > 0)
        fields.insert("before"_L1, before);
    if (after >= 0)
        fields.insert("after"_L1, after);
    const bool older = after < 0;
    const bool newest = older && before <= 0;
    m_pacer->request(
        u"history"_s, fields, this,
        [this, roomId, older, newest](const QJsonObject &reply) {
            if (ReplyError::isError(reply)) {
                const QString code = reply.value("code"_L1).toString();
                qCInfo(lcClientNet) << "history of" << roomId << "failed:" << code;
                Q_EMIT fetchFailed(roomId, older, code);
                return;
            }
            const QList<Event> events = eventsOf(reply);
            if (newest && !m_rooms.contains(roomId)) {
                // The newest page: everything from its first event on is here.
                m_rooms[roomId].position = events.isEmpty() ? 0 : events.constFirst().seq - 1;
            }
            if (!older || newest) {
                const auto room = m_rooms.find(roomId);
                if (room != m_rooms.end()) {
                    for (const Event &event : events)
                        seen(*room, event.seq);
                }
            }
            Q_EMIT received(roomId, events, reply.value("hasMore"_L1).toBool(), older);
            if (newest && m_rooms.contains(roomId) && !m_rooms.value(roomId).ahead.isEmpty())
                catchUpRoom(roomId); // live events arrived beyond the page meanwhile
        },
        RequestPacer::Priority::Foreground);
}

void HistorySync::catchUp(const QList<Room> &rooms)
{
    for (const Room &room : rooms) {
        const auto known = m_rooms.constFind(room.roomId);
        if (known != m_rooms.cend() && (known->position < room.lastSeq || !known->ahead.isEmpty()))
            catchUpRoom(room.roomId);
    }
}

void HistorySync::liveEvent(const Event &event)
{
    const auto room = m_rooms.find(event.roomId);
    if (room == m_rooms.end())
        return;
    seen(*room, event.seq);
    if (!room->ahead.isEmpty()) {
        qCInfo(lcClientNet) << "gap in" << event.roomId << "after" << room->position;
        catchUpRoom(event.roomId);
    }
}

void HistorySync::note(const QString &roomId, qint64 seq)
{
    const auto room = m_rooms.find(roomId);
    if (room != m_rooms.end())
        seen(*room, seq);
}

void HistorySync::catchUpRoom(const QString &roomId)
{
    RoomSync &room = m_rooms[roomId];
    if (room.catchingUp)
        return;
    room.catchingUp = true;
    m_pacer->request(u"history"_s,
        { { "roomId"_L1, roomId }, { "after"_L1, room.position }, { "limit"_L1, kCatchUpPage } },
        this, [this, roomId](const QJsonObject &reply) { onCatchUp(roomId, reply); });
}

void HistorySync::onCatchUp(const QString &roomId, const QJsonObject &reply)
{
    const auto room = m_rooms.find(roomId);
    if (room == m_rooms.end())
        return; // forgotten meanwhile
    room->catchingUp = false;
    if (ReplyError::isError(reply)) {
        const QString code = reply.value("code"_L1).toString();
        qCInfo(lcClientNet) << "catching up" << roomId << "failed:" << code;
        if (ReplyError::isPermanent(code))
            m_rooms.erase(room);
        // Otherwise the position stays: the next reconnect's room list starts it again.
        return;
    }
    const QList<Event> events = eventsOf(reply);
    const bool hasMore = reply.value("hasMore"_L1).toBool();
    for (const Event &event : events)
        seen(*room, event.seq);
    if (events.isEmpty() && !hasMore && !room->ahead.isEmpty()) {
        // The server has nothing in the hole for this user: go on from what was seen.
        const qint64 first = *std::min_element(room->ahead.cbegin(), room->ahead.cend());
        room->ahead.remove(first);
        room->position = first - 1;
        seen(*room, first);
    }
    const bool again = hasMore || !room->ahead.isEmpty();
    Q_EMIT received(roomId, events, hasMore, false);
    if (again && m_rooms.contains(roomId))
        catchUpRoom(roomId);
}

} // namespace Confab
