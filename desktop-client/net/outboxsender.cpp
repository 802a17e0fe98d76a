#include "net/outboxsender.h"

#include "net/clientlogging.h"
#include "net/connection.h"
#include "net/replyerror.h"

#include <QDateTime>
#include <QSet>

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kTransientRetryMs = 3000;
// How long the server must take messages without a refusal before they go at full speed.
constexpr qint64 kCarefulForMs = 3000;
} // namespace

OutboxSender::OutboxSender(Connection *connection, Outbox *outbox, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_outbox(outbox)
{
    m_pause.setSingleShot(true);
    connect(&m_pause, &QTimer::timeout, this, &OutboxSender::flush);
}

void OutboxSender::setReady(bool ready)
{
    m_ready = ready;
    if (!ready) {
        m_inFlight.clear(); // their callbacks report "offline"; resend after reconnecting
        m_pause.stop();
    } else {
        flush();
    }
}

bool OutboxSender::isCareful() const
{
    return m_lastRefusal > 0 && QDateTime::currentMSecsSinceEpoch() - m_lastRefusal < kCarefulForMs;
}

void OutboxSender::flush()
{
    if (!m_ready || m_pause.isActive())
        return;
    const bool careful = isCareful();
    if (careful && !m_inFlight.isEmpty())
        return; // one at a time
    // The first message of each room that can go; a room whose first waits for its upload
    // waits with it, so that the room's order holds.
    QSet<QString> decided;
    const QList<OutboxEntry> entries = m_outbox->entries();
    for (const OutboxEntry &entry : entries) {
        if (entry.isFailed() || decided.contains(entry.roomId))
            continue;
        decided.insert(entry.roomId);
        if (!entry.needsUpload() && !m_inFlight.contains(entry.roomId)) {
            sendEntry(entry);
            if (careful)
                return;
        }
    }
}

void OutboxSender::retry(const QString &clientMsgId)
{
    std::optional<OutboxEntry> entry = m_outbox->find(clientMsgId);
    if (!entry || !entry->isFailed())
        return;
    entry->failedCode.clear();
    entry->failedMessage.clear();
    m_outbox->update(*entry);
    Q_EMIT messageRetrying(clientMsgId, entry->roomId);
    flush();
}

void OutboxSender::discard(const QString &clientMsgId)
{
    const std::optional<OutboxEntry> entry = m_outbox->find(clientMsgId);
    if (!entry || m_inFlight.value(entry->roomId) == clientMsgId)
        return; // on its way: the server decides
    m_outbox->remove(clientMsgId);
    flush();
}

void OutboxSender::sendEntry(const OutboxEntry &entry)
{
    m_inFlight.insert(entry.roomId, entry.clientMsgId);
    QJsonObject fields { { "roomId"_L1, entry.roomId }, { "clientMsgId"_L1, entry.clientMsgId },
        { "text"_L1, entry.text } };
    if (entry.replyTo > 0)
        fields.insert("replyTo"_L1, entry.replyTo);
    if (entry.attachment)
        fields.insert("attachmentId"_L1, entry.attachment->attachmentId);
    qCDebug(lcClientOutbox) << "sending" << entry.clientMsgId;
    m_connection->request(u"send"_s, fields, this,
        [this, entry](const QJsonObject &reply) { onReply(entry, reply); });
}

void OutboxSender::onReply(const OutboxEntry &entry, const QJsonObject &reply)
{
    if (m_inFlight.value(entry.roomId) != entry.clientMsgId)
        return; // from before a reconnect: the entry has gone out again since
    m_inFlight.remove(entry.roomId);
    const QString type = reply.value("type"_L1).toString();
    if (type == "sent"_L1) {
        Event event;
        event.roomId = entry.roomId;
        event.seq = reply.value("seq"_L1).toInteger();
        event.ts = reply.value("ts"_L1).toInteger();
        event.kind = Event::Message;
        event.senderId = m_userId;
        event.clientMsgId = entry.clientMsgId;
        event.text = entry.text;
        event.replyTo = entry.replyTo;
        if (entry.attachment)
            event.attachment = entry.attachment->toJson();
        const bool wasQueued = m_outbox->remove(entry.clientMsgId);
        if (wasQueued)
            Q_EMIT messageSent(event);
        if (isCareful())
            m_pause.start(m_spacingMs); // the next one when the budget has one again
        else
            flush();
        return;
    }
    const QString code = reply.value("code"_L1).toString();
    if (code == "offline"_L1 || code == "timeout"_L1)
        return; // sent again once the connection is back
    if (code == "rate_limited"_L1 || !ReplyError::isPermanent(code)) {
        const int delay = code == "rate_limited"_L1
            ? std::clamp(reply.value("retryAfterMs"_L1).toInt(1000), 50, 60000)
            : kTransientRetryMs;
        qCInfo(lcClientOutbox) << "send of" << entry.clientMsgId << "failed with" << code
                               << "- sending again in" << delay << "ms";
        if (!m_pause.isActive() || m_pause.remainingTime() < delay)
            m_pause.start(delay);
        if (code == "rate_limited"_L1) {
            m_lastRefusal = QDateTime::currentMSecsSinceEpoch() + delay; // from the pause's end
            m_spacingMs = delay;
        }
        Q_EMIT paused(delay);
        return;
    }
    qCWarning(lcClientOutbox) << "server refused" << entry.clientMsgId << code;
    std::optional<OutboxEntry> failed = m_outbox->find(entry.clientMsgId);
    if (failed) {
        failed->failedCode = code;
        failed->failedMessage = reply.value("message"_L1).toString();
        m_outbox->update(*failed);
    }
    Q_EMIT messageFailed(
        entry.clientMsgId, entry.roomId, code, reply.value("message"_L1).toString());
    flush();
}

} // namespace Confab
