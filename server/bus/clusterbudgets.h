#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

namespace Confab::Server {

class LoginThrottle;
class RateLimiter;
class RedisConnection;

// Per-user budgets shared by the nodes: each node's limiter answers at once from its own
// buckets, and every 100 ms this reports what it took to a bucket per user in Redis (a Lua
// script refills and debits it on Redis's clock) and sets the local buckets to their share
// of the balance that comes back (split between the nodes the user took from within the last
// second). All nodes together allow about one burst and the budget's rate; a new bucket holds
// the node's share of the burst until its first balance comes. Failed logins per account are
// counted in Redis too, each as it happens: a node learns the count of all nodes with each
// failure it reports, so an account is locked on every node after at most one more attempt
// per node.
// Lives on the bus's thread.
class ClusterBudgets : public QObject {
    Q_OBJECT
public:
    explicit ClusterBudgets(QByteArray origin, QObject *parent = nullptr);

    // Before start(): `limiter` (which outlives this) is shared under `name`.
    void share(QByteArray name, RateLimiter *limiter);
    void shareLogins(LoginThrottle *throttle);
    void start(RedisConnection *commands);
    void stop();

private:
    void report();
    void countNodes();
    void reportLogin(const QString &username, bool failed);

    struct Shared {
        QByteArray name;
        RateLimiter *limiter;
    };
    const QByteArray m_origin;
    QList<Shared> m_shared;
    LoginThrottle *m_logins = nullptr;
    RedisConnection *m_commands = nullptr;
    QTimer *m_reportTimer = nullptr;
    QTimer *m_nodesTimer = nullptr;
    bool m_stopped = false;
};

} // namespace Confab::Server
