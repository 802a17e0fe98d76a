#include "bus/clusterbus.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QThread>

#include <utility>

#include "logging.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
constexpr auto kGapPoll = std::chrono::milliseconds(100);
constexpr QByteArrayView kRoomPrefix = "confab:room:";
constexpr QByteArrayView kUserPrefix = "confab:user:";

QByteArray makeOrigin(const QString &nodeId)
{
    return nodeId.toUtf8() + '/'
        + QByteArray::number(QRandomGenerator::system()->generate(), 16).rightJustified(8, '0');
}

// A payload is its origin, a newline, and what it carries.
std::pair<QByteArrayView, QByteArrayView> splitLine(QByteArrayView payload)
{
    const qsizetype newline = payload.indexOf('\n');
    if (newline < 0)
        return { {}, {} };
    return { payload.first(newline), payload.sliced(newline + 1) };
}
} // namespace

ClusterBus::ClusterBus(Options options, GapReader readGap, RoomsReader readRooms, Deliver deliver,
    DeliverToUser deliverToUser, PresenceChanged presenceChanged)
    : m_options(std::move(options))
    , m_origin(makeOrigin(m_options.nodeId))
    , m_readGap(std::move(readGap))
    , m_readRooms(std::move(readRooms))
    , m_deliver(std::move(deliver))
    , m_deliverToUser(std::move(deliverToUser))
    , m_thread(std::make_unique<QThread>())
    , m_presence(new ClusterPresence(m_origin, std::move(presenceChanged), this))
    , m_budgets(new ClusterBudgets(m_origin, this))
    , m_sequencer(m_options.gapTimeout)
{
    m_thread->setObjectName(u"cluster-bus"_s);
    moveToThread(m_thread.get());
}

ClusterBus::~ClusterBus()
{
    if (!m_thread->isRunning())
        return;
    // What was made on the bus's thread is deleted there, before the thread ends.
    stop();
    m_thread->quit();
    m_thread->wait();
}

void ClusterBus::stop()
{
    if (m_thread->isRunning())
        QMetaObject::invokeMethod(
            this, [this] { stopOnThread(); }, Qt::BlockingQueuedConnection);
}

void ClusterBus::stopOnThread()
{
    m_stopped = true;
    m_subscribed = false;
    m_presence->stop();
    m_budgets->stop();
    delete std::exchange(m_subscriber, nullptr);
    delete std::exchange(m_publisher, nullptr);
    delete std::exchange(m_gapTimer, nullptr);
    delete std::exchange(m_roomsTimer, nullptr);
}

QByteArray ClusterBus::channelOf(const QString &roomId)
{
    return kRoomPrefix.toByteArray() + roomId.toUtf8();
}

QByteArray ClusterBus::userChannelOf(const QString &userId)
{
    return kUserPrefix.toByteArray() + userId.toUtf8();
}

void ClusterBus::shareBudget(QByteArray name, RateLimiter *limiter)
{
    m_budgets->share(std::move(name), limiter);
}

void ClusterBus::shareLogins(LoginThrottle *throttle)
{
    m_budgets->shareLogins(throttle);
}

void ClusterBus::start()
{
    m_thread->start();
    post([this] { startOnThread(); });
}

void ClusterBus::startOnThread()
{
    if (m_stopped)
        return;
    m_publisher = new RedisConnection(RedisConnection::Mode::Commands);
    m_subscriber = new RedisConnection(RedisConnection::Mode::Subscriber);
    connect(m_subscriber, &RedisConnection::message, this, &ClusterBus::received);
    for (const QString &roomId : m_sequencer.roomIds()) // followed before the start
        m_subscriber->subscribe(channelOf(roomId));
    for (const QString &userId : std::as_const(m_localUsers))
        m_subscriber->subscribe(userChannelOf(userId));
    m_subscriber->subscribe(ClusterPresence::kChannel.toByteArray());
    m_presence->start(m_publisher);
    connect(m_publisher, &RedisConnection::connected, this,
        [this] { m_presence->relist(m_localUsers); });
    m_budgets->start(m_publisher); // counts the nodes after the relisting above
    // Whatever was published while the subscription was down is read from the database.
    connect(m_subscriber, &RedisConnection::connected, this, [this] {
        checkRooms();
        m_presence->readSnapshot();
        m_subscribed = true;
    });
    connect(m_subscriber, &RedisConnection::disconnected, this, [this] { m_subscribed = false; });
    m_gapTimer = new QTimer;
    connect(m_gapTimer, &QTimer::timeout, this, &ClusterBus::askForGaps);
    m_gapTimer->start(kGapPoll);
    m_roomsTimer = new QTimer;
    connect(m_roomsTimer, &QTimer::timeout, this, &ClusterBus::checkRooms);
    m_roomsTimer->start(m_options.roomsCheck);
    m_publisher->start(m_options.host, m_options.port);
    m_subscriber->start(m_options.host, m_options.port);
}

void ClusterBus::follow(const QString &roomId, qint64 lastSeq)
{
    post([this, roomId, lastSeq] { followOnThread(roomId, lastSeq); });
}

void ClusterBus::forget(const QString &roomId)
{
    post([this, roomId] { forgetOnThread(roomId); });
}

void ClusterBus::followOnThread(const QString &roomId, qint64 lastSeq)
{
    if (m_sequencer.follows(roomId))
        return;
    m_sequencer.follow(roomId, lastSeq);
    m_followedAt.insert(roomId, Clock::now());
    if (m_subscriber) // else subscribed when the bus starts
        m_subscriber->subscribe(channelOf(roomId));
}

void ClusterBus::forgetOnThread(const QString &roomId)
{
    hand(m_sequencer.forget(roomId)); // the replies still owed
    m_followedAt.remove(roomId);
    if (m_subscriber)
        m_subscriber->unsubscribe(channelOf(roomId));
}

void ClusterBus::publish(RoomNews news)
{
    post([this, news = std::move(news)]() mutable {
        const Event &event = news.event;
        // Its sender is here, so the room is followed from now at the latest.
        if (!m_sequencer.follows(event.roomId))
            followOnThread(event.roomId, event.seq - 1);
        const QByteArray payload = m_origin + '\n' + news.recipients.join(u',').toUtf8() + '\n'
            + QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
        const QByteArray channel = channelOf(event.roomId);
        offer(std::move(news));
        // At most once, like the bus itself: a refused publish is a gap the others read.
        if (m_publisher)
            m_publisher->command({ "PUBLISH", channel, payload });
    });
}

void ClusterBus::publishToUsers(const QStringList &userIds, const QByteArray &json)
{
    post([this, userIds, json] {
        for (const QString &userId : userIds)
            publishFrame(userId, json);
    });
}

void ClusterBus::publishEach(const QStringList &userIds, FrameFor frameFor)
{
    post([this, userIds, frameFor = std::move(frameFor)] {
        for (const QString &userId : userIds)
            publishFrame(userId, frameFor(userId));
    });
}

void ClusterBus::publishFrame(const QString &userId, const QByteArray &json)
{
    // A room made or joined here by a user here: followed before anyone can speak in it.
    if (m_localUsers.contains(userId) && json.contains(R"("type":"roomAdded")"))
        followAddedRoom(json);
    if (m_publisher)
        m_publisher->command({ "PUBLISH", userChannelOf(userId), m_origin + '\n' + json });
}

void ClusterBus::userArrived(const QString &userId)
{
    post([this, userId] {
        m_localUsers.insert(userId);
        m_presence->arrived(userId);
        if (m_subscriber)
            m_subscriber->subscribe(userChannelOf(userId));
        followRoomsOf({ userId }, false);
    });
}

void ClusterBus::userLeft(const QString &userId)
{
    post([this, userId] {
        m_localUsers.remove(userId);
        m_presence->left(userId);
        if (m_subscriber)
            m_subscriber->unsubscribe(userChannelOf(userId));
        // Its rooms are forgotten by the next check, unless other users here are in them.
    });
}

bool ClusterBus::isOnline(const QString &userId) const
{
    return m_presence->isOnline(userId);
}

void ClusterBus::offer(RoomNews news)
{
    hand(m_sequencer.offer(std::move(news), Clock::now()));
}

void ClusterBus::hand(const QList<RoomNews> &ready)
{
    if (!ready.isEmpty())
        m_deliver(ready);
}

void ClusterBus::received(const QByteArray &channel, const QByteArray &payload)
{
    const auto [origin, body] = splitLine(payload);
    if (origin.isEmpty()) {
        qCWarning(lcBus) << "ignored a malformed payload on" << channel;
        return;
    }
    if (origin == m_origin)
        return; // this node's own, handed on when it was published
    if (channel.startsWith(kRoomPrefix)) {
        receivedRoomEvent(body);
        return;
    }
    if (channel == ClusterPresence::kChannel) {
        m_presence->received(body);
        return;
    }
    if (!channel.startsWith(kUserPrefix))
        return;
    const QString userId = QString::fromUtf8(QByteArrayView(channel).sliced(kUserPrefix.size()));
    if (!m_localUsers.contains(userId))
        return; // gone meanwhile
    const QByteArray frame = body.toByteArray();
    m_deliverToUser(userId, frame);
    if (frame.contains(R"("type":"roomAdded")"))
        followAddedRoom(frame);
}

void ClusterBus::followAddedRoom(const QByteArray &frame)
{
    // A user here was added to a room on another node: its events are followed from the
    // room as the push shows it, so that what is said next is not missed.
    const QJsonObject room = QJsonDocument::fromJson(frame).object().value("room"_L1).toObject();
    const QString roomId = room.value("roomId"_L1).toString();
    const qint64 lastSeq = room.value("lastSeq"_L1).toInteger(-1);
    if (!roomId.isEmpty() && lastSeq >= 0)
        followOnThread(roomId, lastSeq);
}

void ClusterBus::receivedRoomEvent(QByteArrayView body)
{
    const auto [recipients, json] = splitLine(body);
    const std::optional<Event> event
        = Event::fromJson(QJsonDocument::fromJson(json.toByteArray()).object());
    if (!event || event->roomId.isEmpty() || event->seq <= 0) {
        qCWarning(lcBus) << "ignored a malformed event from the bus";
        return;
    }
    offer(RoomNews(*event, QString::fromUtf8(recipients).split(u',', Qt::SkipEmptyParts)));
}

void ClusterBus::askForGaps()
{
    if (m_stopped)
        return;
    for (const RoomSequencer::Gap &gap : m_sequencer.overdueGaps(Clock::now())) {
        m_readGap(gap, [this, roomId = gap.roomId](QList<RoomNews> news) {
            post([this, roomId, news = std::move(news)] { filled(roomId, news); });
        });
    }
}

void ClusterBus::filled(const QString &roomId, const QList<RoomNews> &news)
{
    hand(m_sequencer.fill(roomId, news, Clock::now()));
}

void ClusterBus::checkRooms()
{
    if (m_localUsers.isEmpty()) {
        // Nobody here to hand a room's events to.
        for (const QString &roomId : m_sequencer.roomIds())
            forgetOnThread(roomId);
        return;
    }
    followRoomsOf(m_localUsers.values(), true);
}

void ClusterBus::followRoomsOf(const QStringList &userIds, bool forgetOthers)
{
    if (m_stopped)
        return;
    const Clock::time_point askedAt = Clock::now();
    m_readRooms(userIds, [this, askedAt, forgetOthers](auto rooms) {
        post([this, askedAt, forgetOthers, rooms = std::move(rooms)] {
            if (!rooms)
                return; // the next check tries again
            const Clock::time_point now = Clock::now();
            for (auto it = rooms->cbegin(); it != rooms->cend(); ++it) {
                if (m_sequencer.follows(it.key()))
                    m_sequencer.noteLastSeq(it.key(), it.value(), now);
                else
                    followOnThread(it.key(), it.value());
            }
            if (!forgetOthers)
                return;
            // Rooms followed since the read began may not be in its answer yet.
            for (const QString &roomId : m_sequencer.roomIds()) {
                if (!rooms->contains(roomId) && m_followedAt.value(roomId) < askedAt)
                    forgetOnThread(roomId);
            }
        });
    });
}

} // namespace Confab::Server
