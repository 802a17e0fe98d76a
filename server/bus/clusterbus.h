#pragma once

#include "bus/redisconnection.h"
#include "bus/roomsequencer.h"
#include "protocol/event.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace Confab::Server {

// The news between nodes that share one database. The database is the log; the bus only
// says that it grew: after its commit a node publishes each event on its room's channel,
// and every node that follows the room hands the room's events on in seq order (its own
// and the others'), reading from the database what the bus lost: a gap it sees, what it
// missed while its subscription was down, and, from a periodic check of the rooms' last_seq,
// the last events of a burst. Its work per event is for the rooms it follows only.
// The bus lives on a thread of its own; its public functions may be called from any thread.
class ClusterBus : public QObject {
    Q_OBJECT
public:
    using Clock = RoomSequencer::Clock;
    // Reads a gap's events from the database (off the bus's thread) and calls `done` with
    // them, from any thread; with nothing when the read failed.
    using GapReader = std::function<void(
        const RoomSequencer::Gap &gap, std::function<void(QList<Event>)> done)>;
    // Reads the last_seq of rooms, likewise.
    using LastSeqReader = std::function<void(
        const QStringList &roomIds, std::function<void(QHash<QString, qint64>)> done)>;
    // Gets a room's events in seq order, on the bus's thread.
    using Deliver = std::function<void(const QList<Event> &events)>;

    struct Options {
        QString host;
        quint16 port = 6379;
        std::chrono::milliseconds gapTimeout { 1000 };
        std::chrono::milliseconds lastSeqCheck { 3000 };
    };

    ClusterBus(Options options, GapReader readGap, LastSeqReader readLastSeqs, Deliver deliver);
    ~ClusterBus() override;

    void start();
    // Follows a room from `lastSeq`, the last event its members here have been given.
    void follow(const QString &roomId, qint64 lastSeq);
    void forget(const QString &roomId);
    // An event this node committed: handed on here at once, in order, and published.
    void publish(const Event &event);

    static QByteArray channelOf(const QString &roomId);
    // Whether the subscription is up (events published meanwhile reach this node by the bus).
    bool isSubscribed() const { return m_subscribed.load(); }

private:
    void startOnThread();
    void offer(const Event &event);
    void received(const QByteArray &channel, const QByteArray &payload);
    void askForGaps();
    void checkLastSeqs();
    void filled(const QString &roomId, const QList<Event> &events);

    // Runs `work` on the bus's thread.
    template <typename Work> void post(Work work)
    {
        QMetaObject::invokeMethod(this, std::move(work), Qt::QueuedConnection);
    }

    const Options m_options;
    const GapReader m_readGap;
    const LastSeqReader m_readLastSeqs;
    const Deliver m_deliver;
    std::unique_ptr<QThread> m_thread;
    // Made on the bus's thread, and deleted there.
    RedisConnection *m_publisher = nullptr;
    RedisConnection *m_subscriber = nullptr;
    QTimer *m_gapTimer = nullptr;
    QTimer *m_lastSeqTimer = nullptr;
    RoomSequencer m_sequencer;
    std::atomic<bool> m_subscribed { false };
};

} // namespace Confab::Server
