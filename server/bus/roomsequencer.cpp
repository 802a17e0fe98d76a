#include "bus/roomsequencer.h"

namespace Confab::Server {

RoomSequencer::RoomSequencer(std::chrono::milliseconds gapTimeout, int maxHeld)
    : m_gapTimeout(gapTimeout)
    , m_maxHeld(qMax(1, maxHeld))
{
}

void RoomSequencer::follow(const QString &roomId, qint64 lastSeq)
{
    if (m_rooms.contains(roomId))
        return;
    Room &room = m_rooms[roomId];
    room.position = lastSeq;
    room.knownLast = lastSeq;
}

void RoomSequencer::forget(const QString &roomId)
{
    m_rooms.remove(roomId);
}

qint64 RoomSequencer::position(const QString &roomId) const
{
    const auto room = m_rooms.constFind(roomId);
    return room == m_rooms.cend() ? 0 : room->position;
}

QList<Event> RoomSequencer::offer(const Event &event, Clock::time_point now)
{
    const auto room = m_rooms.find(event.roomId);
    if (room == m_rooms.end())
        return {};
    return accept(*room, event, now);
}

QList<Event> RoomSequencer::accept(Room &room, const Event &event, Clock::time_point now)
{
    if (event.seq <= room.position)
        return {}; // a repeat, or older than where this node began
    if (!room.hasGap())
        room.gapSince = now; // until proven otherwise, the event may open a gap
    room.knownLast = qMax(room.knownLast, event.seq);
    if (event.seq > room.position + 1) {
        // Held while there is room; beyond that the database has it for the gap's reading.
        if (qsizetype(room.held.size()) < m_maxHeld || event.seq < room.held.rbegin()->first) {
            room.held.emplace(event.seq, event);
            if (qsizetype(room.held.size()) > m_maxHeld)
                room.held.erase(std::prev(room.held.end()));
        }
        return {};
    }
    QList<Event> ready { event };
    room.position = event.seq;
    while (!room.held.empty() && room.held.begin()->first <= room.position + 1) {
        auto next = room.held.begin();
        if (next->first == room.position + 1) {
            ready.append(std::move(next->second));
            room.position = next->first;
        }
        room.held.erase(next);
    }
    // A gap that remains started now: the events before the held ones are simply late.
    room.gapSince = now;
    room.askedAt = {};
    return ready;
}

void RoomSequencer::noteLastSeq(const QString &roomId, qint64 lastSeq, Clock::time_point now)
{
    const auto room = m_rooms.find(roomId);
    if (room == m_rooms.end() || lastSeq <= room->knownLast)
        return;
    if (!room->hasGap())
        room->gapSince = now;
    room->knownLast = lastSeq;
}

QList<RoomSequencer::Gap> RoomSequencer::overdueGaps(Clock::time_point now)
{
    QList<Gap> gaps;
    for (auto room = m_rooms.begin(); room != m_rooms.end(); ++room) {
        if (!room->hasGap())
            continue;
        const bool full = qsizetype(room->held.size()) >= m_maxHeld;
        const bool overdue = now - room->gapSince >= m_gapTimeout;
        const bool askedRecently
            = room->askedAt != Clock::time_point {} && now - room->askedAt < m_gapTimeout;
        if ((!full && !overdue) || askedRecently)
            continue;
        const qint64 before = room->held.empty() ? room->knownLast + 1 : room->held.begin()->first;
        gaps.append({ room.key(), room->position, before });
        room->askedAt = now;
    }
    return gaps;
}

QList<Event> RoomSequencer::fill(
    const QString &roomId, const QList<Event> &events, Clock::time_point now)
{
    const auto room = m_rooms.find(roomId);
    if (room == m_rooms.end())
        return {};
    std::map<qint64, const Event *> bySeq;
    for (const Event &event : events)
        bySeq.emplace(event.seq, &event);
    QList<Event> ready;
    for (const auto &[seq, event] : bySeq)
        ready += accept(*room, *event, now);
    // A gap larger than one reading: the next part is asked for at once.
    if (room->hasGap()) {
        room->gapSince = now - m_gapTimeout;
        room->askedAt = {};
    }
    return ready;
}

} // namespace Confab::Server
