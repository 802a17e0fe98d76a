#pragma once

#include <protocol/event.h>
#include <protocol/room.h>

#include <QHash>
#include <QObject>
#include <QSet>

namespace Confab {

class RequestPacer;

// Keeps the log of each room a view has opened free of holes. Per room it knows the highest
// seq up to which it holds every event since the first page it fetched (the sync position);
// events seen beyond a hole wait above it until the hole is filled. The position moves only
// on what has arrived, never on what was asked for, so a fetch that fails (refused, timed
// out, cut off by a reconnect) is simply made again: after `retryAfterMs` by the pacer, or
// after the reconnect when the room list shows the room has more. Rooms never opened are not
// fetched at all: their unread counts come from the room list.
class HistorySync : public QObject {
    Q_OBJECT
public:
    explicit HistorySync(RequestPacer *pacer, QObject *parent = nullptr);

    // For a view: the newest page (`before` <= 0), which starts keeping the room in sync, or
    // the page before `before`. `after` >= 0 asks for the page after it.
    void fetch(const QString &roomId, qint64 before, qint64 after, int limit);
    void catchUp(const QList<Room> &rooms); // after (re)connecting: each room that has more
    void liveEvent(const Event &event); // fetches what it skipped, if anything
    void note(const QString &roomId, qint64 seq); // an event of ours the server accepted
    void forget(const QString &roomId) { m_rooms.remove(roomId); }
    void clear() { m_rooms.clear(); }
    // The sync position of a room, or -1 when it is not kept in sync.
    qint64 position(const QString &roomId) const;

Q_SIGNALS:
    void received(
        const QString &roomId, const QList<Confab::Event> &events, bool hasMore, bool older);
    // A page a view asked for did not come (`older`: the newest page or an older one).
    void fetchFailed(const QString &roomId, bool older, const QString &code);

private:
    struct RoomSync {
        qint64 position = 0;
        QSet<qint64> ahead; // seen beyond a hole (bounded; what is dropped is fetched again)
        bool catchingUp = false;
    };

    void seen(RoomSync &room, qint64 seq);
    void catchUpRoom(const QString &roomId);
    void onCatchUp(const QString &roomId, const QJsonObject &reply);
    QList<Event> eventsOf(const QJsonObject &reply) const;

    RequestPacer *m_pacer;
    QHash<QString, RoomSync> m_rooms;
};

} // namespace Confab
