#pragma once

#include <QHash>
#include <QString>

namespace Confab::Server {

class MemberRepository;

// The messages of a batch whose unread counts are not written yet. Counting each message as
// it is stored rewrites the row of every member of its room; tallied, a room's rows are
// rewritten once per batch, however many of its messages the batch holds. It holds at most
// one entry per message of the batch.
class UnreadTally {
public:
    // One more unread message in the room for every member but its sender.
    void count(const QString &roomId, const QString &senderId);
    bool isEmpty() const { return m_rooms.isEmpty(); }
    // Writes what was counted (one statement per room) and forgets it.
    void applyTo(MemberRepository &members);
    // Forgets what was counted: the jobs that counted it were undone.
    void clear() { m_rooms.clear(); }

private:
    struct Room {
        qint64 messages = 0;
        QHash<QString, qint64> bySender;
    };
    QHash<QString, Room> m_rooms;
};

} // namespace Confab::Server
