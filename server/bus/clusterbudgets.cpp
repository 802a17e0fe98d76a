#include "bus/clusterbudgets.h"

#include "bus/redisconnection.h"
#include "limits/loginthrottle.h"
#include "limits/ratelimiter.h"

#include <utility>

namespace Confab::Server {

namespace {
constexpr int kReportMs = 100;
constexpr int kNodesMs = 2000;

// ARGV: the budget's name, burst, per second, this node's origin, then user and count pairs.
// Returns for each user the balance (as text: Lua's numbers would come back as integers) and
// how many nodes took from it within the last second. A balance never falls below zero: what
// the nodes took together in one round beyond the budget is not carried as debt.
constexpr char kSpend[] = R"lua(
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local burst = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local out = {}
for i = 5, #ARGV, 2 do
  local key = 'confab:budget:' .. ARGV[1] .. ':' .. ARGV[i]
  local state = redis.call('HMGET', key, 'tokens', 'ms')
  local tokens = tonumber(state[1]) or burst
  local ms = tonumber(state[2]) or now
  tokens = math.min(burst, tokens + math.max(0, now - ms) * rate / 1000)
  tokens = math.max(0, tokens - tonumber(ARGV[i + 1]))
  redis.call('HSET', key, 'tokens', tostring(tokens), 'ms', tostring(now), 'n:' .. ARGV[4], now)
  local fields = redis.call('HGETALL', key)
  local active = 0
  for f = 1, #fields, 2 do
    if string.sub(fields[f], 1, 2) == 'n:' then
      if now - tonumber(fields[f + 1]) < 1000 then active = active + 1
      else redis.call('HDEL', key, fields[f]) end
    end
  end
  redis.call('PEXPIRE', key, math.ceil((burst - tokens) / rate * 1000) + 1000)
  out[#out + 1] = tostring(tokens)
  out[#out + 1] = active
end
return out
)lua";

// A failed login: the account's count on all nodes, and what is left of its window.
constexpr char kFailedLogin[] = R"lua(
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('PTTL', KEYS[1]) }
)lua";
} // namespace

ClusterBudgets::ClusterBudgets(QByteArray origin, QObject *parent)
    : QObject(parent)
    , m_origin(std::move(origin))
{
}

void ClusterBudgets::share(QByteArray name, RateLimiter *limiter)
{
    limiter->shareWith(1); // until the nodes are counted
    m_shared.append({ std::move(name), limiter });
}

void ClusterBudgets::shareLogins(LoginThrottle *throttle)
{
    m_logins = throttle;
    throttle->reportTo([this](const QString &username, bool failed) {
        QMetaObject::invokeMethod(
            this, [this, username, failed] { reportLogin(username, failed); },
            Qt::QueuedConnection);
    });
}

void ClusterBudgets::reportLogin(const QString &username, bool failed)
{
    if (!m_commands)
        return;
    const QByteArray key = "confab:logins:" + username.toUtf8();
    if (!failed) {
        m_commands->command({ "DEL", key });
        return;
    }
    m_commands->command(
        { "EVAL", kFailedLogin, "1", key, QByteArray::number(m_logins->windowMs()) },
        [this, username](const RedisReply &reply) {
            if (m_stopped || reply.kind != RedisReply::Kind::Array || reply.elements.size() != 2)
                return;
            m_logins->noteShared(
                username, int(reply.elements[0].integer), reply.elements[1].integer);
        });
}

void ClusterBudgets::start(RedisConnection *commands)
{
    m_commands = commands;
    m_reportTimer = new QTimer(this);
    connect(m_reportTimer, &QTimer::timeout, this, &ClusterBudgets::report);
    m_reportTimer->start(kReportMs);
    m_nodesTimer = new QTimer(this);
    connect(m_nodesTimer, &QTimer::timeout, this, &ClusterBudgets::countNodes);
    m_nodesTimer->start(kNodesMs);
    // Counted at once whenever Redis is (back) up, after presence has listed this node.
    connect(commands, &RedisConnection::connected, this, &ClusterBudgets::countNodes);
}

void ClusterBudgets::stop()
{
    // Every session is closed by now: nothing records a login any more.
    if (m_logins)
        m_logins->reportTo({});
    m_stopped = true;
    m_commands = nullptr;
    delete std::exchange(m_reportTimer, nullptr);
    delete std::exchange(m_nodesTimer, nullptr);
}

void ClusterBudgets::report()
{
    if (!m_commands || !m_commands->isConnected())
        return; // what was taken meanwhile is reported once Redis is back
    for (const Shared &shared : std::as_const(m_shared)) {
        const QHash<QString, int> taken = shared.limiter->takeUnreported();
        if (taken.isEmpty())
            continue;
        QList<QByteArray> args { "EVAL", kSpend, "0", shared.name,
            QByteArray::number(shared.limiter->burst()),
            QByteArray::number(shared.limiter->perSecond()), m_origin };
        QStringList users;
        for (auto it = taken.cbegin(); it != taken.cend(); ++it) {
            users.append(it.key());
            args << it.key().toUtf8() << QByteArray::number(it.value());
        }
        RateLimiter *limiter = shared.limiter;
        m_commands->command(args, [this, limiter, users](const RedisReply &reply) {
            if (m_stopped || reply.kind != RedisReply::Kind::Array
                || reply.elements.size() != 2 * users.size())
                return;
            for (qsizetype i = 0; i < users.size(); ++i) {
                limiter->settle(users[i], reply.elements[2 * i].text.toDouble(),
                    int(reply.elements[2 * i + 1].integer));
            }
        });
    }
}

void ClusterBudgets::countNodes()
{
    if (!m_commands)
        return;
    m_commands->command({ "SCARD", "confab:nodes" }, [this](const RedisReply &reply) {
        if (m_stopped || reply.kind != RedisReply::Kind::Integer)
            return;
        for (const Shared &shared : std::as_const(m_shared))
            shared.limiter->shareWith(int(qMax<qint64>(1, reply.integer)));
    });
}

} // namespace Confab::Server
