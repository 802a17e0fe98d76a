#pragma once

#include "protocol/event.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Confab::Server {

struct EventPage {
    QList<Event> events; // ascending seq
    bool hasMore = false;
};

// The `events` table: every room's ordered log.
class EventRepository {
public:
    explicit EventRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    void insert(const Event &event);
    // One memberJoined event for each of `userIds`, added by `byId`, in one statement however
    // many there are: the first at `firstSeq`, the next at `firstSeq + 1`, and so on.
    void insertJoins(const QString &roomId, const QStringList &userIds, qint64 firstSeq,
        const QString &byId, qint64 ts);
    std::optional<Event> findByClientMsgId(
        const QString &senderId, const QString &clientMsgId) const;
    std::optional<Event> last(const QString &roomId) const;
    // last() of every room the user is in, by room id, in one statement.
    QHash<QString, Event> lastOfRoomsOf(const QString &userId) const;
    bool exists(const QString &roomId, qint64 seq) const;
    // See `history` in the protocol: before/after bound the page when given.
    EventPage page(const QString &roomId, std::optional<qint64> before, std::optional<qint64> after,
        int limit) const;
    qint64 countUnread(const QString &roomId, qint64 readSeq, const QString &userId) const;

private:
    QSqlDatabase m_db;
};

} // namespace Confab::Server
