#pragma once

#include "bus/roomnews.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <map>

namespace Confab::Server {

// Puts the events of rooms back into seq order before they reach this node's sessions. They
// arrive from this node's own commits and from other nodes over the bus, in any order, and
// the bus may lose some. A room's position is the last seq handed on; an event beyond the
// next one waits (at most maxHeld per room, but news with a reply is never dropped) until the
// events before it come, and a gap still open after `gapTimeout` is for the caller to read
// from the database and fill().
// Not thread-safe: one thread (the bus's) owns it.
class RoomSequencer {
public:
    using Clock = std::chrono::steady_clock;

    // Events to read from the database: those of `roomId` with after < seq < before.
    struct Gap {
        QString roomId;
        qint64 after = 0;
        qint64 before = 0;
    };

    explicit RoomSequencer(std::chrono::milliseconds gapTimeout, int maxHeld = 1000);

    // Starts following a room whose log is handed on up to `lastSeq` (its last_seq when the
    // node began to listen): nothing at or below it is handed on. Again later: ignored.
    void follow(const QString &roomId, qint64 lastSeq);
    // Stops following; returns the held news that has a reply, without recipients.
    QList<RoomNews> forget(const QString &roomId);
    bool follows(const QString &roomId) const { return m_rooms.contains(roomId); }
    qsizetype roomCount() const { return m_rooms.size(); }
    QStringList roomIds() const { return m_rooms.keys(); }
    qint64 position(const QString &roomId) const;

    // An event of a room: returns the events now in order (it and those held after it),
    // oldest first. Events of rooms not followed and repeats return nothing, but a repeat
    // with a reply comes back without recipients, so that only its reply goes out.
    QList<RoomNews> offer(RoomNews news, Clock::time_point now);
    // The room's log is known to reach `lastSeq` (its last_seq, read now and then): events
    // beyond the position that never came over the bus then count as a gap.
    void noteLastSeq(const QString &roomId, qint64 lastSeq, Clock::time_point now);
    // Gaps open longer than the timeout, or whose room holds maxHeld events, and not asked
    // for within the last timeout: each is asked for once per timeout until filled.
    QList<Gap> overdueGaps(Clock::time_point now);
    // Events read from the database for a gap, in any order: handed on as offer() does.
    QList<RoomNews> fill(
        const QString &roomId, const QList<RoomNews> &events, Clock::time_point now);

private:
    struct Room {
        qint64 position = 0;
        qint64 knownLast = 0; // the highest seq known to exist
        std::map<qint64, RoomNews> held; // seq > position + 1, bounded by maxHeld
        Clock::time_point gapSince {}; // when the next event was first missed
        Clock::time_point askedAt {}; // when the gap was last handed out, or never
        bool hasGap() const { return knownLast > position; }
    };

    QList<RoomNews> accept(Room &room, RoomNews news, Clock::time_point now);
    void hold(Room &room, RoomNews news);

    const std::chrono::milliseconds m_gapTimeout;
    const int m_maxHeld;
    QHash<QString, Room> m_rooms;
};

} // namespace Confab::Server
