#pragma once

#include "bus/redisreply.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSocketNotifier>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

struct redisAsyncContext;

namespace Confab::Server {

// One connection to Redis on the Qt event loop of the thread it lives in: hiredis's
// asynchronous API driven by socket notifiers of our own, so that no call blocks. It keeps
// connecting (100 ms, doubling to 5 s between attempts); in command mode it sends PING every
// second and closes a connection that leaves one unanswered for 3 s; in subscriber mode it
// subscribes again to every channel after each reconnect (whose owner checks the path end to
// end, as a subscribed connection cannot PING).
class RedisConnection : public QObject {
    Q_OBJECT
public:
    enum class Mode { Commands, Subscriber };
    using Done = std::function<void(const RedisReply &)>;

    // Commands waiting for their reply, beyond which command() refuses more.
    static constexpr int kMaxPending = 100000;

    explicit RedisConnection(Mode mode, QObject *parent = nullptr);
    ~RedisConnection() override;

    // Connects to HOST (an address: resolving a name would block) and PORT, and keeps doing so.
    void start(const QString &host, quint16 port);
    bool isConnected() const { return m_connected; }
    // Sends a command in command mode; `done` gets its reply, or Lost when the connection
    // closes first. False, and `done` is never called, while not connected or when
    // kMaxPending commands wait.
    bool command(const QList<QByteArray> &args, Done done = {});
    // Subscriber mode: subscribes now if connected, and after every reconnect.
    void subscribe(const QByteArray &channel);
    void unsubscribe(const QByteArray &channel);
    // Closes the connection at once (the pending commands get Lost) and connects again.
    void reconnect();
    int pendingCommands() const { return m_pending; }

signals:
    void connected(); // each time, once subscriptions (if any) are sent
    void disconnected();
    void message(const QByteArray &channel, const QByteArray &payload);

private:
    struct Pending;

    void connectNow();
    void scheduleReconnect();
    void sendSubscription(const QByteArray &channel);
    void checkHealth();
    void contextGone();

    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);
    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onMessage(redisAsyncContext *context, void *reply, void *privdata);
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);

    const Mode m_mode;
    QString m_host;
    quint16 m_port = 0;
    redisAsyncContext *m_context = nullptr; // null between connections
    bool m_connected = false;
    bool m_destroying = false;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    QTimer m_reconnectTimer;
    QTimer m_healthTimer;
    int m_backoffMs = 100;
    bool m_pingOutstanding = false;
    QDeadlineTimer m_pingDeadline;
    QSet<QByteArray> m_channels; // bounded by the owner: the bus's own channels
    int m_pending = 0;
};

} // namespace Confab::Server
