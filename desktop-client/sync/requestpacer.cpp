#include "sync/requestpacer.h"

#include "net/clientlogging.h"
#include "net/replyerror.h"

namespace Confab {

using namespace Qt::StringLiterals;

namespace {
// More than a user has rooms to catch up, twice over: beyond it, requests fail at once.
constexpr int kMaxQueued = 4000;
// A request refused this often in a row is given up (its caller tries again later).
constexpr int kMaxRefusals = 20;
} // namespace

RequestPacer::RequestPacer(Connection *connection, int maxInFlight, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_maxInFlight(qMax(1, maxInFlight))
{
    m_pause.setSingleShot(true);
    connect(&m_pause, &QTimer::timeout, this, &RequestPacer::pump);
    connect(m_connection, &Connection::stateChanged, this, [this](Connection::State state) {
        if (state != Connection::State::Connected) {
            m_pause.stop();
            failQueued();
        }
    });
}

void RequestPacer::request(const QString &type, const QJsonObject &fields, QObject *context,
    Connection::Callback callback, Priority priority)
{
    Item item { type, fields, context, std::move(callback), 0 };
    if (queued() >= kMaxQueued) {
        QMetaObject::invokeMethod(
            this,
            [item] {
                if (item.context)
                    item.callback(
                        ReplyError::make({}, u"overloaded"_s, u"too many requests queued"_s));
            },
            Qt::QueuedConnection);
        return;
    }
    (priority == Priority::Foreground ? m_foreground : m_background).append(std::move(item));
    pump();
}

void RequestPacer::pump()
{
    if (!m_connection->isConnected()) {
        failQueued();
        return;
    }
    Item item;
    while (!m_pause.isActive() && m_inFlight < m_maxInFlight && takeNext(&item)) {
        if (!item.context)
            continue;
        ++m_inFlight;
        const QString type = item.type;
        const QJsonObject fields = item.fields;
        m_connection->request(
            type, fields, this, [this, item = std::move(item)](const QJsonObject &reply) mutable {
                onReply(std::move(item), reply);
            });
    }
}

bool RequestPacer::takeNext(Item *item)
{
    for (QList<Item> *queue : { &m_refused, &m_foreground, &m_background }) {
        if (!queue->isEmpty()) {
            *item = queue->takeFirst();
            return true;
        }
    }
    return false;
}

void RequestPacer::onReply(Item item, const QJsonObject &reply)
{
    --m_inFlight;
    const bool rateLimited
        = ReplyError::isError(reply) && reply.value("code"_L1).toString() == "rate_limited"_L1;
    if (rateLimited && ++item.refusals < kMaxRefusals && item.context) {
        const int waitMs = std::clamp(reply.value("retryAfterMs"_L1).toInt(1000), 50, 60000);
        qCDebug(lcClientNet) << item.type << "refused; waiting" << waitMs << "ms";
        const QString type = item.type;
        m_refused.append(std::move(item));
        if (!m_pause.isActive() || m_pause.remainingTime() < waitMs)
            m_pause.start(waitMs);
        Q_EMIT refused(type, waitMs);
        return;
    }
    if (item.context)
        item.callback(reply);
    pump();
}

void RequestPacer::failQueued()
{
    if (queued() == 0)
        return;
    QList<Item> queue = std::exchange(m_refused, {});
    queue += std::exchange(m_foreground, {});
    queue += std::exchange(m_background, {});
    // Answered later, as a reply would be: never from inside the caller's request().
    QMetaObject::invokeMethod(
        this,
        [queue = std::move(queue)] {
            for (const Item &item : queue) {
                if (item.context)
                    item.callback(ReplyError::make({}, u"offline"_s, u"not connected"_s));
            }
        },
        Qt::QueuedConnection);
}

} // namespace Confab
