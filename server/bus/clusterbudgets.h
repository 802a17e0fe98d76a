#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

namespace Confab::Server {

class RateLimiter;
class RedisConnection;

// Per-user budgets shared by the nodes: each node's limiter answers at once from its own
// buckets, and every 100 ms this reports what it took to a bucket per user in Redis (a Lua
// script refills and debits it on Redis's clock) and sets the local buckets to their share
// of the balance that comes back (split between the nodes the user took from within the last
// second). All nodes together allow about one burst and the budget's rate; a new bucket holds
// the node's share of the burst until its first balance comes.
// Lives on the bus's thread.
class ClusterBudgets : public QObject {
    Q_OBJECT
public:
    explicit ClusterBudgets(QByteArray origin, QObject *parent = nullptr);

    // Before start(): `limiter` (which outlives this) is shared under `name`.
    void share(QByteArray name, RateLimiter *limiter);
    void start(RedisConnection *commands);
    void stop();

private:
    void report();
    void countNodes();

    struct Shared {
        QByteArray name;
        RateLimiter *limiter;
    };
    const QByteArray m_origin;
    QList<Shared> m_shared;
    RedisConnection *m_commands = nullptr;
    QTimer *m_reportTimer = nullptr;
    QTimer *m_nodesTimer = nullptr;
    bool m_stopped = false;
};

} // namespace Confab::Server
