#pragma once

#include <protocol/event.h>
#include <protocol/room.h>

#include <QHash>
#include <QObject>

namespace Confab {

class Connection;

// Keeps each room's log on this client free of gaps: remembers the highest seq seen per
// room, asks `history after` it when the room list shows more (after a reconnect) or when a
// live event skips ahead, and pages such catch-ups until nothing is left.
class HistorySync : public QObject {
    Q_OBJECT
public:
    explicit HistorySync(Connection *connection, QObject *parent = nullptr);

    // `before` <= 0 and `after` < 0 leave the bound out; with neither: the newest page.
    void fetch(const QString &roomId, qint64 before, qint64 after, int limit);
    void catchUp(const QList<Room> &rooms);
    void liveEvent(const Event &event); // fetches what it skipped, if anything
    void note(const QString &roomId, qint64 seq);
    void forget(const QString &roomId) { m_knownSeq.remove(roomId); }
    void clear() { m_knownSeq.clear(); }

Q_SIGNALS:
    void received(
        const QString &roomId, const QList<Confab::Event> &events, bool hasMore, bool older);

private:
    Connection *m_connection;
    QHash<QString, qint64> m_knownSeq;
};

} // namespace Confab
