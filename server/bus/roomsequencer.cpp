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

QList<RoomNews> RoomSequencer::forget(const QString &roomId)
{
    QList<RoomNews> replies;
    const auto room = m_rooms.find(roomId);
    if (room == m_rooms.end())
        return replies;
    for (auto &[seq, news] : room->held) {
        if (news.then)
            replies.append(RoomNews(std::move(news.event), {}, 0, std::move(news.then)));
    }
    m_rooms.erase(room);
    return replies;
}

qint64 RoomSequencer::position(const QString &roomId) const
{
    const auto room = m_rooms.constFind(roomId);
    return room == m_rooms.cend() ? 0 : room->position;
}

QList<RoomNews> RoomSequencer::offer(RoomNews news, Clock::time_point now)
{
    const auto room = m_rooms.find(news.event.roomId);
    if (room == m_rooms.end())
        return {};
    return accept(*room, std::move(news), now);
}

QList<RoomNews> RoomSequencer::accept(Room &room, RoomNews news, Clock::time_point now)
{
    const qint64 seq = news.event.seq;
    if (seq <= room.position) {
        // A repeat, or older than where this node began; its reply is still owed.
        if (!news.then)
            return {};
        news.recipients.clear();
        return { std::move(news) };
    }
    if (!room.hasGap())
        room.gapSince = now; // until proven otherwise, the event may open a gap
    room.knownLast = qMax(room.knownLast, seq);
    if (seq > room.position + 1) {
        hold(room, std::move(news));
        return {};
    }
    QList<RoomNews> ready { std::move(news) };
    room.position = seq;
    while (!room.held.empty() && room.held.begin()->first <= room.position + 1) {
        auto next = room.held.begin();
        if (next->first == room.position + 1) {
            ready.append(std::move(next->second));
            room.position = next->first;
        } else if (next->second.then) { // stale, with a reply owed
            next->second.recipients.clear();
            ready.append(std::move(next->second));
        }
        room.held.erase(next);
    }
    // A gap that remains started now: the events before the held ones are simply late.
    room.gapSince = now;
    room.askedAt = {};
    return ready;
}

void RoomSequencer::hold(Room &room, RoomNews news)
{
    const qint64 seq = news.event.seq;
    const auto held = room.held.find(seq);
    if (held != room.held.end()) {
        if (news.then && !held->second.then) // the copy made here carries the reply
            held->second = std::move(news);
        return;
    }
    // Held while there is room; beyond that the database has it for the gap's reading. News
    // with a reply is held in any case: the writer's backlog bounds it.
    const bool full = qsizetype(room.held.size()) >= m_maxHeld;
    if (full && !news.then && seq > room.held.rbegin()->first)
        return;
    room.held.emplace(seq, std::move(news));
    if (qsizetype(room.held.size()) <= m_maxHeld)
        return;
    for (auto last = std::prev(room.held.end());; --last) {
        if (!last->second.then) {
            room.held.erase(last);
            return;
        }
        if (last == room.held.begin())
            return;
    }
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

QList<RoomNews> RoomSequencer::fill(
    const QString &roomId, const QList<RoomNews> &events, Clock::time_point now)
{
    const auto room = m_rooms.find(roomId);
    if (room == m_rooms.end())
        return {};
    std::map<qint64, const RoomNews *> bySeq;
    for (const RoomNews &news : events)
        bySeq.emplace(news.event.seq, &news);
    QList<RoomNews> ready;
    for (const auto &[seq, news] : bySeq)
        ready += accept(*room, *news, now);
    // A gap larger than one reading: the next part is asked for at once.
    if (room->hasGap()) {
        room->gapSince = now - m_gapTimeout;
        room->askedAt = {};
    }
    return ready;
}

} // namespace Confab::Server
