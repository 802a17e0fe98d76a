#include "store/eventrepository.h"

#include "store/attachmentrepository.h"
#include "store/sqldialect.h"
#include "store/sqlitestatement.h"
#include "store/sqlquery.h"

#include <algorithm>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
// Messages with a file carry its metadata, joined from `attachments`.
const QString kColumns
    = u"SELECT e.room_id, e.seq, e.ts, e.kind, e.sender_id, e.client_msg_id, e.body,"
      " e.reply_to, e.subject_id, e.name, a.id, a.sha256, a.size, a.name, a.mime,"
      " a.kind, a.duration_ms"_s;
const QString kSelect
    = kColumns + u" FROM events e LEFT JOIN attachments a ON a.id = e.attachment_id "_s;

QVariant nullable(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

Event readEvent(const QSqlQuery &query)
{
    Event event;
    event.roomId = query.value(0).toString();
    event.seq = query.value(1).toLongLong();
    event.ts = query.value(2).toLongLong();
    event.kind = query.value(3).toString();
    if (event.isMessage()) {
        event.senderId = query.value(4).toString();
        event.clientMsgId = query.value(5).toString();
        event.text = query.value(6).toString();
        event.replyTo = query.value(7).toLongLong();
        if (!query.value(10).isNull()) {
            event.attachment = AttachmentRow { query.value(10).toString(), QString(),
                query.value(11).toString(), query.value(12).toLongLong(),
                query.value(13).toString(), query.value(14).toString(), query.value(15).toString(),
                query.value(16).toLongLong() }
                                   .toJson();
        }
    } else {
        event.byId = query.value(4).toString();
        event.userId = query.value(8).toString();
        event.name = query.value(9).toString();
    }
    return event;
}

QList<Event> readEvents(QSqlQuery &query)
{
    QList<Event> events;
    while (query.next())
        events.append(readEvent(query));
    return events;
}

} // namespace

void EventRepository::insert(const Event &event)
{
    static constexpr char sql[]
        = "INSERT INTO events (room_id, seq, ts, kind, sender_id, client_msg_id, body,"
          " attachment_id, reply_to, subject_id, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const bool message = event.isMessage();
    const QString attachmentId = event.attachment.value("attachmentId"_L1).toString();
    if (SqliteStatement *statement = SqliteStatement::find(m_db, sql)) {
        statement->bind(1, event.roomId).bind(2, event.seq).bind(3, event.ts).bind(4, event.kind);
        statement->bind(5, message ? event.senderId : event.byId).bind(6, event.clientMsgId);
        statement->bind(7, event.text).bind(8, attachmentId).bind(10, event.userId);
        statement->bind(11, event.name);
        if (event.replyTo > 0)
            statement->bind(9, event.replyTo);
        statement->step();
        statement->reset();
        return;
    }
    static const QString qtSql = QString::fromLatin1(sql);
    runCached(m_db, qtSql,
        { event.roomId, event.seq, event.ts, event.kind, message ? event.senderId : event.byId,
            nullable(event.clientMsgId), nullable(event.text), nullable(attachmentId),
            event.replyTo > 0 ? QVariant(event.replyTo) : QVariant(QMetaType::fromType<qint64>()),
            nullable(event.userId), nullable(event.name) });
}

void EventRepository::insertJoins(const QString &roomId, const QStringList &userIds,
    qint64 firstSeq, const QString &byId, qint64 ts)
{
    runCached(m_db,
        u"INSERT INTO events (room_id, seq, ts, kind, sender_id, subject_id)"
        " SELECT ?, ? + key, CAST(? AS BIGINT), ?, ?, value FROM "_s
            + SqlDialect::jsonListTable(m_db),
        { roomId, firstSeq, ts, Event::MemberJoined, byId, jsonList(userIds) });
}

std::optional<Event> EventRepository::findByClientMsgId(
    const QString &senderId, const QString &clientMsgId) const
{
    // Asked for every message sent, and nearly always the answer is no: a one-column look-up
    // in the unique index first (Qt describes every column of a result on each execution,
    // which for the whole row cost more than the search).
    static constexpr char exists[]
        = "SELECT 1 FROM events WHERE sender_id = ? AND client_msg_id = ?";
    bool found = false;
    if (SqliteStatement *statement = SqliteStatement::find(m_db, exists)) {
        found = statement->bind(1, senderId).bind(2, clientMsgId).step();
        statement->reset();
    } else {
        static const QString qtExists = QString::fromLatin1(exists);
        QSqlQuery &probe = runCached(m_db, qtExists, { senderId, clientMsgId });
        found = probe.next();
        probe.finish();
    }
    if (!found)
        return std::nullopt;
    static const QString whole = kSelect + u"WHERE e.sender_id = ? AND e.client_msg_id = ?"_s;
    QSqlQuery &query = runCached(m_db, whole, { senderId, clientMsgId });
    if (!query.next())
        return std::nullopt;
    return readEvent(query);
}

std::optional<Event> EventRepository::last(const QString &roomId) const
{
    QSqlQuery &query = runCached(
        m_db, kSelect + u"WHERE e.room_id = ? ORDER BY e.seq DESC LIMIT 1"_s, { roomId });
    if (!query.next())
        return std::nullopt;
    return readEvent(query);
}

QHash<QString, Event> EventRepository::lastOfRoomsOf(const QString &userId) const
{
    // One look-up of the primary key per room: the room's row names its newest seq, which
    // is committed with the event (cheaper than asking the log for its largest seq).
    static const QString sql = kColumns
        + u" FROM members m JOIN rooms r ON r.id = m.room_id"
          " JOIN events e ON e.room_id = r.id AND e.seq = r.last_seq"
          " LEFT JOIN attachments a ON a.id = e.attachment_id WHERE m.user_id = ?"_s;
    QSqlQuery &query = runCached(m_db, sql, { userId });
    QHash<QString, Event> byRoom;
    while (query.next()) {
        Event event = readEvent(query);
        byRoom.insert(event.roomId, std::move(event));
    }
    return byRoom;
}

bool EventRepository::exists(const QString &roomId, qint64 seq) const
{
    return cachedValue(
        m_db, u"SELECT 1 FROM events WHERE room_id = ? AND seq = ?"_s, { roomId, seq })
        .isValid();
}

EventPage EventRepository::page(const QString &roomId, std::optional<qint64> before,
    std::optional<qint64> after, int limit) const
{
    // One row more than asked tells whether more lie beyond the page.
    const qint64 upper = before.value_or(std::numeric_limits<qint64>::max());
    EventPage page;
    if (after) {
        page.events = readEvents(runCached(m_db,
            kSelect
                + u"WHERE e.room_id = ? AND e.seq > ? AND e.seq < ? ORDER BY e.seq ASC LIMIT ?"_s,
            { roomId, *after, upper, limit + 1 }));
    } else {
        page.events = readEvents(runCached(m_db,
            kSelect + u"WHERE e.room_id = ? AND e.seq < ? ORDER BY e.seq DESC LIMIT ?"_s,
            { roomId, upper, limit + 1 }));
    }
    page.hasMore = page.events.size() > limit;
    if (page.hasMore)
        page.events.removeLast();
    if (!after)
        std::reverse(page.events.begin(), page.events.end());
    return page;
}

qint64 EventRepository::countUnread(
    const QString &roomId, qint64 readSeq, const QString &userId) const
{
    return cachedValue(m_db,
        u"SELECT COUNT(*) FROM events WHERE room_id = ? AND seq > ? AND kind = 'message'"
        " AND sender_id <> ?"_s,
        { roomId, readSeq, userId }, 0)
        .toLongLong();
}

} // namespace Confab::Server
