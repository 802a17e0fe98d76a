#include "bus/redisconnection.h"

#include <QLoggingCategory>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <vector>

#include "logging.h"

namespace Confab::Server {

using namespace std::chrono_literals;

namespace {
constexpr int kFirstBackoffMs = 100;
constexpr int kMaxBackoffMs = 5000;
constexpr auto kPingInterval = 1s;
constexpr auto kPingTimeout = 3s;

RedisConnection *owner(const redisAsyncContext *context)
{
    return static_cast<RedisConnection *>(context->data);
}
} // namespace

// What a command's callback needs: hiredis hands it back with the reply.
struct RedisConnection::Pending {
    RedisConnection *connection;
    Done done;
};

RedisConnection::RedisConnection(Mode mode, QObject *parent)
    : QObject(parent)
    , m_mode(mode)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisConnection::connectNow);
    m_healthTimer.setInterval(kPingInterval);
    connect(&m_healthTimer, &QTimer::timeout, this, &RedisConnection::checkHealth);
}

RedisConnection::~RedisConnection()
{
    m_destroying = true; // the callbacks hiredis runs while freeing call nobody back
    if (m_context)
        redisAsyncFree(m_context);
}

void RedisConnection::start(const QString &host, quint16 port)
{
    m_host = host;
    m_port = port;
    if (m_mode == Mode::Commands)
        m_healthTimer.start();
    connectNow();
}

void RedisConnection::connectNow()
{
    if (m_context)
        return;
    redisAsyncContext *context = redisAsyncConnect(m_host.toUtf8().constData(), m_port);
    if (!context || context->err) {
        qCWarning(lcBus) << "cannot connect to Redis at" << m_host << m_port << ":"
                         << (context ? context->errstr : "out of memory");
        if (context)
            redisAsyncFree(context);
        scheduleReconnect();
        return;
    }
    m_context = context;
    context->data = this;
    context->ev.data = this;
    context->ev.addRead = &RedisConnection::addRead;
    context->ev.delRead = &RedisConnection::delRead;
    context->ev.addWrite = &RedisConnection::addWrite;
    context->ev.delWrite = &RedisConnection::delWrite;
    context->ev.cleanup = &RedisConnection::cleanup;
    redisAsyncSetConnectCallback(context, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisConnection::onDisconnect);
    const int fd = context->c.fd;
    m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    m_readNotifier->setEnabled(false);
    connect(m_readNotifier.get(), &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleRead(m_context); // may free the context: see cleanup()
    });
    m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    connect(m_writeNotifier.get(), &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleWrite(m_context);
    });
    // hiredis learns that the connection is up from the first writable event.
    m_writeNotifier->setEnabled(true);
}

void RedisConnection::scheduleReconnect()
{
    if (m_destroying || m_reconnectTimer.isActive())
        return;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, kMaxBackoffMs);
}

bool RedisConnection::command(const QList<QByteArray> &args, Done done)
{
    if (!m_connected || m_pending >= kMaxPending || args.isEmpty())
        return false;
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray &arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    auto *pending = new Pending { this, std::move(done) };
    if (redisAsyncCommandArgv(m_context, &RedisConnection::onReply, pending, int(args.size()),
            argv.data(), lengths.data())
        != REDIS_OK) {
        delete pending;
        return false;
    }
    ++m_pending;
    return true;
}

void RedisConnection::subscribe(const QByteArray &channel)
{
    if (m_channels.contains(channel))
        return;
    m_channels.insert(channel);
    if (m_connected)
        sendSubscription(channel);
}

void RedisConnection::unsubscribe(const QByteArray &channel)
{
    if (!m_channels.remove(channel) || !m_connected)
        return;
    // No callback of its own: hiredis answers it through the channel's, which then goes.
    redisAsyncCommand(
        m_context, nullptr, nullptr, "UNSUBSCRIBE %b", channel.constData(), size_t(channel.size()));
}

void RedisConnection::sendSubscription(const QByteArray &channel)
{
    redisAsyncCommand(m_context, &RedisConnection::onMessage, this, "SUBSCRIBE %b",
        channel.constData(), size_t(channel.size()));
}

void RedisConnection::reconnect()
{
    if (m_context)
        redisAsyncFree(m_context); // runs the callbacks and cleanup(), which reconnects
    else
        connectNow();
}

void RedisConnection::checkHealth()
{
    if (!m_connected)
        return;
    if (m_pingOutstanding) {
        if (!m_pingDeadline.hasExpired())
            return;
        qCWarning(lcBus) << "Redis did not answer PING in 3 s; reconnecting";
        reconnect();
        return;
    }
    m_pingOutstanding = command(
        { QByteArrayLiteral("PING") }, [this](const RedisReply &) { m_pingOutstanding = false; });
    m_pingDeadline = QDeadlineTimer(kPingTimeout);
}

void RedisConnection::contextGone()
{
    m_context = nullptr;
    const bool wasConnected = m_connected;
    m_connected = false;
    m_pingOutstanding = false;
    // Called from inside a notifier's signal: it is deleted once that returns.
    for (std::unique_ptr<QSocketNotifier> *notifier : { &m_readNotifier, &m_writeNotifier }) {
        if (!*notifier)
            continue;
        (*notifier)->setEnabled(false);
        if (m_destroying)
            notifier->reset();
        else
            notifier->release()->deleteLater();
    }
    if (m_destroying)
        return;
    if (wasConnected)
        emit disconnected();
    scheduleReconnect();
}

void RedisConnection::onConnect(const redisAsyncContext *context, int status)
{
    RedisConnection *self = owner(context);
    if (status != REDIS_OK) {
        qCWarning(lcBus) << "cannot connect to Redis at" << self->m_host << self->m_port << ":"
                         << context->errstr;
        return; // hiredis frees the context next: cleanup()
    }
    qCInfo(lcBus) << "connected to Redis at" << self->m_host << self->m_port;
    self->m_connected = true;
    self->m_backoffMs = kFirstBackoffMs;
    for (const QByteArray &channel : std::as_const(self->m_channels))
        self->sendSubscription(channel);
    emit self->connected();
}

void RedisConnection::onDisconnect(const redisAsyncContext *context, int status)
{
    RedisConnection *self = owner(context);
    if (!self->m_destroying && status != REDIS_OK)
        qCWarning(lcBus) << "lost the connection to Redis:" << context->errstr;
}

void RedisConnection::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    std::unique_ptr<Pending> pending(static_cast<Pending *>(privdata));
    RedisConnection *self = pending->connection;
    --self->m_pending;
    if (!self->m_destroying && pending->done)
        pending->done(RedisReply::from(static_cast<redisReply *>(reply)));
}

void RedisConnection::onMessage(redisAsyncContext *context, void *reply, void *)
{
    const auto *array = static_cast<redisReply *>(reply);
    RedisConnection *self = owner(context);
    // Null while hiredis frees the context; otherwise ["message", channel, payload] or the
    // confirmation ["subscribe", channel, count].
    if (!array || self->m_destroying || array->type != REDIS_REPLY_ARRAY || array->elements != 3)
        return;
    const redisReply *kind = array->element[0];
    if (kind->type != REDIS_REPLY_STRING || qstrncmp(kind->str, "message", 8) != 0)
        return;
    const redisReply *channel = array->element[1];
    const redisReply *payload = array->element[2];
    emit self->message(QByteArray(channel->str, qsizetype(channel->len)),
        QByteArray(payload->str, qsizetype(payload->len)));
}

void RedisConnection::addRead(void *self)
{
    auto *connection = static_cast<RedisConnection *>(self);
    if (connection->m_readNotifier)
        connection->m_readNotifier->setEnabled(true);
}

void RedisConnection::delRead(void *self)
{
    auto *connection = static_cast<RedisConnection *>(self);
    if (connection->m_readNotifier)
        connection->m_readNotifier->setEnabled(false);
}

void RedisConnection::addWrite(void *self)
{
    auto *connection = static_cast<RedisConnection *>(self);
    if (connection->m_writeNotifier)
        connection->m_writeNotifier->setEnabled(true);
}

void RedisConnection::delWrite(void *self)
{
    auto *connection = static_cast<RedisConnection *>(self);
    if (connection->m_writeNotifier)
        connection->m_writeNotifier->setEnabled(false);
}

void RedisConnection::cleanup(void *self)
{
    // hiredis is about to free the context: nothing may touch it from here on.
    static_cast<RedisConnection *>(self)->contextGone();
}

} // namespace Confab::Server
