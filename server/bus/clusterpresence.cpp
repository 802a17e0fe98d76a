#include "bus/clusterpresence.h"

#include "bus/redisconnection.h"

#include <utility>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
constexpr int kHeartbeatMs = 2000;
constexpr int kAliveMs = 10000; // a node is dead this long after its last heartbeat

// Keys: confab:alive:<origin> (expires), confab:nodes (every origin listed),
// confab:users:<origin> (its users), confab:sessions:<user> (the origins listing them).
// Each script counts the other live nodes that list a user, dropping dead ones as it goes,
// and publishes the change on confab:presence when there is one.
constexpr char kArrive[] = R"lua(
local key = 'confab:sessions:' .. ARGV[2]
local live = 0
for _, node in ipairs(redis.call('SMEMBERS', key)) do
  if node ~= ARGV[1] then
    if redis.call('EXISTS', 'confab:alive:' .. node) == 1 then live = live + 1
    else redis.call('SREM', key, node) end
  end
end
redis.call('SADD', key, ARGV[1])
redis.call('SADD', 'confab:users:' .. ARGV[1], ARGV[2])
if live == 0 then redis.call('PUBLISH', 'confab:presence', ARGV[1] .. '\n+' .. ARGV[2]) end
return live
)lua";

constexpr char kLeave[] = R"lua(
local key = 'confab:sessions:' .. ARGV[2]
redis.call('SREM', key, ARGV[1])
redis.call('SREM', 'confab:users:' .. ARGV[1], ARGV[2])
local live = 0
for _, node in ipairs(redis.call('SMEMBERS', key)) do
  if redis.call('EXISTS', 'confab:alive:' .. node) == 1 then live = live + 1
  else redis.call('SREM', key, node) end
end
if live == 0 then redis.call('PUBLISH', 'confab:presence', ARGV[1] .. '\n-' .. ARGV[2]) end
return live
)lua";

// Returns the users who went offline with the dead nodes: each is returned to one node only.
constexpr char kReap[] = R"lua(
local gone = {}
for _, node in ipairs(redis.call('SMEMBERS', 'confab:nodes')) do
  if node ~= ARGV[1] and redis.call('EXISTS', 'confab:alive:' .. node) == 0 then
    for _, user in ipairs(redis.call('SMEMBERS', 'confab:users:' .. node)) do
      local key = 'confab:sessions:' .. user
      redis.call('SREM', key, node)
      local live = 0
      for _, other in ipairs(redis.call('SMEMBERS', key)) do
        if redis.call('EXISTS', 'confab:alive:' .. other) == 1 then live = live + 1 end
      end
      if live == 0 then
        gone[#gone + 1] = user
        redis.call('PUBLISH', 'confab:presence', ARGV[1] .. '\n-' .. user)
      end
    end
    redis.call('DEL', 'confab:users:' .. node)
    redis.call('SREM', 'confab:nodes', node)
  end
end
return gone
)lua";

constexpr char kSnapshot[] = R"lua(
local online = {}
for _, node in ipairs(redis.call('SMEMBERS', 'confab:nodes')) do
  if redis.call('EXISTS', 'confab:alive:' .. node) == 1 then
    for _, user in ipairs(redis.call('SMEMBERS', 'confab:users:' .. node)) do
      online[#online + 1] = user
    end
  end
end
return online
)lua";
} // namespace

ClusterPresence::ClusterPresence(QByteArray origin, Changed changed, QObject *parent)
    : QObject(parent)
    , m_origin(std::move(origin))
    , m_changed(std::move(changed))
{
}

void ClusterPresence::start(RedisConnection *commands)
{
    m_commands = commands;
    m_heartbeat = new QTimer(this);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        heartbeat();
        reap();
    });
    m_heartbeat->start(kHeartbeatMs);
}

void ClusterPresence::stop()
{
    delete std::exchange(m_heartbeat, nullptr);
    // The others reap this node's users once its key expires.
    m_commands = nullptr;
    m_stopped = true; // the replies still to come (lost) decide nothing
}

void ClusterPresence::heartbeat()
{
    if (!m_commands)
        return;
    m_commands->command(
        { "SET", "confab:alive:" + m_origin, "1", "PX", QByteArray::number(kAliveMs) });
    m_commands->command({ "SADD", "confab:nodes", m_origin });
}

void ClusterPresence::reap()
{
    if (!m_commands)
        return;
    m_commands->command({ "EVAL", kReap, "0", m_origin }, [this](const RedisReply &reply) {
        if (m_stopped)
            return;
        for (const RedisReply &user : reply.elements) {
            const QString userId = QString::fromUtf8(user.text);
            setOnline(userId, false);
            m_changed(userId, false);
        }
    });
}

void ClusterPresence::arrived(const QString &userId)
{
    setOnline(userId, true);
    const bool sent = m_commands
        && m_commands->command({ "EVAL", kArrive, "0", m_origin, userId.toUtf8() },
            [this, userId](const RedisReply &reply) {
                // Without an answer this node decides alone, as a node on its own does.
                if (!m_stopped && (reply.isError() || reply.integer == 0))
                    m_changed(userId, true);
            });
    if (!sent)
        m_changed(userId, true);
}

void ClusterPresence::left(const QString &userId)
{
    const bool sent = m_commands
        && m_commands->command({ "EVAL", kLeave, "0", m_origin, userId.toUtf8() },
            [this, userId](const RedisReply &reply) {
                if (!m_stopped && (reply.isError() || reply.integer == 0)) {
                    setOnline(userId, false);
                    m_changed(userId, false);
                }
            });
    if (!sent) {
        setOnline(userId, false);
        m_changed(userId, false);
    }
}

void ClusterPresence::relist(const QSet<QString> &localUsers)
{
    heartbeat();
    if (!m_commands)
        return;
    // Announced already; the script tells the other nodes, should they not know.
    for (const QString &userId : localUsers)
        m_commands->command({ "EVAL", kArrive, "0", m_origin, userId.toUtf8() });
}

void ClusterPresence::readSnapshot()
{
    if (!m_commands)
        return;
    m_commands->command({ "EVAL", kSnapshot, "0" }, [this](const RedisReply &reply) {
        if (reply.kind != RedisReply::Kind::Array)
            return;
        QSet<QString> online;
        for (const RedisReply &user : reply.elements)
            online.insert(QString::fromUtf8(user.text));
        QWriteLocker lock(&m_lock);
        m_online = std::move(online);
    });
}

void ClusterPresence::received(QByteArrayView body)
{
    if (body.size() < 2 || (body.front() != '+' && body.front() != '-'))
        return;
    setOnline(QString::fromUtf8(body.sliced(1)), body.front() == '+');
}

void ClusterPresence::setOnline(const QString &userId, bool online)
{
    QWriteLocker lock(&m_lock);
    if (online)
        m_online.insert(userId);
    else
        m_online.remove(userId);
}

bool ClusterPresence::isOnline(const QString &userId) const
{
    QReadLocker lock(&m_lock);
    return m_online.contains(userId);
}

} // namespace Confab::Server
