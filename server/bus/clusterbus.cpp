#include "bus/clusterbus.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QThread>

#include "logging.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
constexpr auto kGapPoll = std::chrono::milliseconds(100);
}

ClusterBus::ClusterBus(
    Options options, GapReader readGap, LastSeqReader readLastSeqs, Deliver deliver)
    : m_options(std::move(options))
    , m_readGap(std::move(readGap))
    , m_readLastSeqs(std::move(readLastSeqs))
    , m_deliver(std::move(deliver))
    , m_thread(std::make_unique<QThread>())
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
    QMetaObject::invokeMethod(
        this,
        [this] {
            delete m_subscriber;
            delete m_publisher;
            delete m_gapTimer;
            delete m_lastSeqTimer;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

QByteArray ClusterBus::channelOf(const QString &roomId)
{
    return "confab:room:" + roomId.toUtf8();
}

void ClusterBus::start()
{
    m_thread->start();
    post([this] { startOnThread(); });
}

void ClusterBus::startOnThread()
{
    m_publisher = new RedisConnection(RedisConnection::Mode::Commands);
    m_subscriber = new RedisConnection(RedisConnection::Mode::Subscriber);
    connect(m_subscriber, &RedisConnection::message, this, &ClusterBus::received);
    for (const QString &roomId : m_sequencer.roomIds()) // followed before the start
        m_subscriber->subscribe(channelOf(roomId));
    // Whatever was published while the subscription was down is read from the database.
    connect(m_subscriber, &RedisConnection::connected, this, [this] {
        checkLastSeqs();
        m_subscribed = true;
    });
    connect(m_subscriber, &RedisConnection::disconnected, this, [this] { m_subscribed = false; });
    m_gapTimer = new QTimer;
    connect(m_gapTimer, &QTimer::timeout, this, &ClusterBus::askForGaps);
    m_gapTimer->start(kGapPoll);
    m_lastSeqTimer = new QTimer;
    connect(m_lastSeqTimer, &QTimer::timeout, this, &ClusterBus::checkLastSeqs);
    m_lastSeqTimer->start(m_options.lastSeqCheck);
    m_publisher->start(m_options.host, m_options.port);
    m_subscriber->start(m_options.host, m_options.port);
}

void ClusterBus::follow(const QString &roomId, qint64 lastSeq)
{
    post([this, roomId, lastSeq] {
        if (m_sequencer.follows(roomId))
            return;
        m_sequencer.follow(roomId, lastSeq);
        if (m_subscriber) // else subscribed when the bus starts
            m_subscriber->subscribe(channelOf(roomId));
    });
}

void ClusterBus::forget(const QString &roomId)
{
    post([this, roomId] {
        m_sequencer.forget(roomId);
        if (m_subscriber)
            m_subscriber->unsubscribe(channelOf(roomId));
    });
}

void ClusterBus::publish(const Event &event)
{
    post([this, event] {
        offer(event);
        const QByteArray payload = QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
        // At most once, like the bus itself: a refused publish is a gap the others read.
        if (m_publisher)
            m_publisher->command({ "PUBLISH", channelOf(event.roomId), payload });
    });
}

void ClusterBus::offer(const Event &event)
{
    const QList<Event> ready = m_sequencer.offer(event, Clock::now());
    if (!ready.isEmpty())
        m_deliver(ready);
}

void ClusterBus::received(const QByteArray &, const QByteArray &payload)
{
    const std::optional<Event> event = Event::fromJson(QJsonDocument::fromJson(payload).object());
    if (!event || event->roomId.isEmpty() || event->seq <= 0) {
        qCWarning(lcBus) << "ignored a malformed event from the bus";
        return;
    }
    offer(*event);
}

void ClusterBus::askForGaps()
{
    for (const RoomSequencer::Gap &gap : m_sequencer.overdueGaps(Clock::now())) {
        m_readGap(gap, [this, roomId = gap.roomId](QList<Event> events) {
            post([this, roomId, events = std::move(events)] { filled(roomId, events); });
        });
    }
}

void ClusterBus::filled(const QString &roomId, const QList<Event> &events)
{
    const QList<Event> ready = m_sequencer.fill(roomId, events, Clock::now());
    if (!ready.isEmpty())
        m_deliver(ready);
}

void ClusterBus::checkLastSeqs()
{
    const QStringList rooms = m_sequencer.roomIds();
    if (rooms.isEmpty())
        return;
    m_readLastSeqs(rooms, [this](QHash<QString, qint64> lastSeqs) {
        post([this, lastSeqs = std::move(lastSeqs)] {
            const Clock::time_point now = Clock::now();
            for (auto it = lastSeqs.cbegin(); it != lastSeqs.cend(); ++it)
                m_sequencer.noteLastSeq(it.key(), it.value(), now);
        });
    });
}

} // namespace Confab::Server
