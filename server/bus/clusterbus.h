#pragma once

#include "bus/clusterbudgets.h"
#include "bus/clusterlink.h"
#include "bus/clusterpresence.h"
#include "bus/redisconnection.h"
#include "bus/roomsequencer.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace Confab::Server {

// The news between nodes that share one database. The database is the log; the bus only
// says that it grew: after its commit a node publishes each event on its room's channel,
// and every node that follows the room hands the room's events on in seq order (its own
// and the others'), reading from the database what the bus lost: a gap it sees, what it
// missed while its subscription was down, and, from a periodic check of the rooms' last_seq,
// the last events of a burst. A node follows the rooms of the users who have a session on
// it, so its work per event is for its own recipients. Frames for users (receipts, typing,
// presence, room changes) go on a channel per user, at most once.
// The bus lives on a thread of its own; its public functions may be called from any thread.
class ClusterBus : public QObject, public ClusterLink {
    Q_OBJECT
public:
    using Clock = RoomSequencer::Clock;
    // Reads a gap's events from the database, with the room's members as their recipients,
    // (off the bus's thread) and calls `done` with them, from any thread; with nothing when
    // the read failed.
    using GapReader = std::function<void(
        const RoomSequencer::Gap &gap, std::function<void(QList<RoomNews>)> done)>;
    // Reads the rooms these users are in, with each room's last_seq; nothing on failure.
    using RoomsReader = std::function<void(const QStringList &userIds,
        std::function<void(std::optional<QHash<QString, qint64>>)> done)>;
    // Gets a room's events in seq order, on the bus's thread.
    using Deliver = std::function<void(const QList<RoomNews> &news)>;
    // Gets a frame for a user from another node, on the bus's thread.
    using DeliverToUser = std::function<void(const QString &userId, const QByteArray &json)>;
    // This node is to announce that a user came online or went offline (bus's thread).
    using PresenceChanged = ClusterPresence::Changed;

    struct Options {
        QString host;
        quint16 port = 6379;
        QString nodeId; // this node's name in the cluster
        std::chrono::milliseconds gapTimeout { 1000 };
        std::chrono::milliseconds roomsCheck { 3000 };
    };

    ClusterBus(Options options, GapReader readGap, RoomsReader readRooms, Deliver deliver,
        DeliverToUser deliverToUser, PresenceChanged presenceChanged);
    ~ClusterBus() override;

    // Before start(): the nodes share this per-user budget (see ClusterBudgets).
    void shareBudget(QByteArray name, RateLimiter *limiter);
    void shareLogins(LoginThrottle *throttle);
    void start();
    // Follows a room from `lastSeq`, the last event its members here have been given.
    void follow(const QString &roomId, qint64 lastSeq);
    void forget(const QString &roomId);

    void publish(RoomNews news) override;
    void publishToUsers(const QStringList &userIds, const QByteArray &json) override;
    void publishEach(const QStringList &userIds, FrameFor frameFor) override;
    void userArrived(const QString &userId) override;
    void userLeft(const QString &userId) override;
    bool isOnline(const QString &userId) const override;
    void stop() override;

    static QByteArray channelOf(const QString &roomId);
    static QByteArray userChannelOf(const QString &userId);
    // Whether the subscription is up (events published meanwhile reach this node by the bus).
    bool isSubscribed() const { return m_subscribed.load(); }
    // This run of the node: its name and a random part, new at every start.
    QByteArray origin() const { return m_origin; }

private:
    void startOnThread();
    void stopOnThread();
    void followOnThread(const QString &roomId, qint64 lastSeq);
    void forgetOnThread(const QString &roomId);
    void offer(RoomNews news);
    void hand(const QList<RoomNews> &ready);
    void received(const QByteArray &channel, const QByteArray &payload);
    void receivedRoomEvent(QByteArrayView body);
    void followAddedRoom(const QByteArray &frame);
    void askForGaps();
    void checkRooms();
    void followRoomsOf(const QStringList &userIds, bool forgetOthers);
    void filled(const QString &roomId, const QList<RoomNews> &news);
    void publishFrame(const QString &userId, const QByteArray &json);

    // Runs `work` on the bus's thread.
    template <typename Work> void post(Work work)
    {
        QMetaObject::invokeMethod(this, std::move(work), Qt::QueuedConnection);
    }

    const Options m_options;
    const QByteArray m_origin;
    const GapReader m_readGap;
    const RoomsReader m_readRooms;
    const Deliver m_deliver;
    const DeliverToUser m_deliverToUser;
    std::unique_ptr<QThread> m_thread;
    // Made on the bus's thread, and deleted there.
    RedisConnection *m_publisher = nullptr;
    RedisConnection *m_subscriber = nullptr;
    QTimer *m_gapTimer = nullptr;
    QTimer *m_roomsTimer = nullptr;
    ClusterPresence *m_presence; // children, on the bus's thread
    ClusterBudgets *m_budgets;
    // Owned by the bus's thread.
    RoomSequencer m_sequencer;
    QSet<QString> m_localUsers;
    QHash<QString, Clock::time_point> m_followedAt;
    bool m_stopped = false;
    std::atomic<bool> m_subscribed { false };
};

} // namespace Confab::Server
