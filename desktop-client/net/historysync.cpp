#include "net/historysync.h"

#include "net/clientlogging.h"
#include "net/connection.h"

#include <QJsonArray>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kCatchUpPage = 200;
}

HistorySync::HistorySync(Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
}

void HistorySync::catchUp(const QList<Room> &rooms)
{
    for (const Room &room : rooms) {
        const auto known = m_knownSeq.constFind(room.roomId);
        if (known != m_knownSeq.cend() && *known < room.lastSeq)
            fetch(room.roomId, -1, *known, kCatchUpPage);
    }
}

void HistorySync::liveEvent(const Event &event)
{
    const qint64 known = m_knownSeq.value(event.roomId, -1);
    if (known >= 0 && event.seq > known + 1) {
        qCInfo(lcClientNet) << "gap in" << event.roomId << "- fetching" << known << event.seq;
        fetch(event.roomId, event.seq, known, kCatchUpPage);
    }
    note(event.roomId, event.seq);
}

void HistorySync::note(const QString &roomId, qint64 seq)
{
    qint64 &known = m_knownSeq[roomId];
    known = std::max(known, seq);
}

void HistorySync::fetch(const QString &roomId, qint64 before, qint64 after, int limit)
{
    QJsonObject fields { { "roomId"_L1, roomId }, { "limit"_L1, limit } };
    if (before > 0)
        fields.insert("before"_L1, before);
    if (after >= 0)
        fields.insert("after"_L1, after);
    const bool older = after < 0;
    m_connection->request(
        u"history"_s, fields, this, [this, roomId, older, limit](const QJsonObject &reply) {
            if (reply.value("type"_L1).toString() != "history"_L1)
                return;
            QList<Event> events;
            const QJsonArray array = reply.value("events"_L1).toArray();
            for (const QJsonValue &value : array) {
                if (auto event = Event::fromJson(value.toObject()))
                    events.append(*event);
            }
            const bool hasMore = reply.value("hasMore"_L1).toBool();
            note(roomId, events.isEmpty() ? 0 : events.constLast().seq);
            Q_EMIT received(roomId, events, hasMore, older);
            if (!older && hasMore && !events.isEmpty())
                fetch(roomId, -1, events.constLast().seq, limit);
        });
}

} // namespace Confab
