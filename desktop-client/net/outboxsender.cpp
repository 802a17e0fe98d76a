#include "net/outboxsender.h"

#include "net/clientlogging.h"
#include "net/connection.h"

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
constexpr int kTransientRetryMs = 3000;

// Errors after which sending the same message again cannot succeed.
bool isPermanent(const QString &code)
{
    static const QStringList permanent { u"not_member"_s, u"too_large"_s, u"bad_request"_s,
        u"blocked"_s, u"not_found"_s, u"forbidden"_s };
    return permanent.contains(code);
}
}

OutboxSender::OutboxSender(Connection *connection, Outbox *outbox, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_outbox(outbox)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &OutboxSender::flush);
}

void OutboxSender::setReady(bool ready)
{
    m_ready = ready;
    if (!ready) {
        m_inFlight.clear(); // their callbacks report "offline"; resend after reconnecting
        m_retryTimer.stop();
    } else {
        flush();
    }
}

void OutboxSender::flush()
{
    if (!m_ready)
        return;
    const QList<OutboxEntry> entries = m_outbox->entries();
    for (const OutboxEntry &entry : entries) {
        if (!entry.needsUpload() && !m_inFlight.contains(entry.clientMsgId))
            sendEntry(entry);
    }
}

void OutboxSender::sendEntry(const OutboxEntry &entry)
{
    m_inFlight.insert(entry.clientMsgId);
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
    m_inFlight.remove(entry.clientMsgId);
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
        return;
    }
    const QString code = reply.value("code"_L1).toString();
    if (code == "offline"_L1)
        return; // sent again once the connection is back
    if (code == "rate_limited"_L1 || !isPermanent(code)) {
        const int delay = code == "rate_limited"_L1
            ? std::max(100, reply.value("retryAfterMs"_L1).toInt())
            : kTransientRetryMs;
        qCInfo(lcClientOutbox) << "send of" << entry.clientMsgId << "failed with" << code
                               << "- retrying in" << delay << "ms";
        if (!m_retryTimer.isActive() || m_retryTimer.remainingTime() > delay)
            m_retryTimer.start(delay);
        return;
    }
    qCWarning(lcClientOutbox) << "server refused" << entry.clientMsgId << code;
    m_outbox->remove(entry.clientMsgId);
    Q_EMIT messageFailed(
        entry.clientMsgId, entry.roomId, code, reply.value("message"_L1).toString());
}

} // namespace Confab
