#pragma once

#include "limits/clock.h"
#include "limits/tokenbucket.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace Confab::Server {

// Token buckets keyed by user, shared by all of a user's sessions. A bucket that has filled
// up again is forgotten, since a new one would be the same: the map holds only the users
// active within the last burst / perSecond seconds.
// On nodes that share the budget (a cluster), each node reports what it took and sets its
// buckets to its share of the balance the cluster reports back; until a user's balance first
// comes, a new bucket holds the node's share of the burst, so that all nodes together allow
// about one burst.
class RateLimiter {
public:
    RateLimiter(int burst, double perSecond, Clock clock = steadyClock());

    // 0 when the request may go ahead (and a token is taken), else how long to wait in ms.
    qint64 take(const QString &key);
    qsizetype trackedKeys() const;

    double burst() const { return m_burst; }
    double perSecond() const { return m_perSecond; }
    // Shared with other nodes: from now on what is taken is counted for report.
    void shareWith(int liveNodes);
    // What was taken per key since the last report (bounded by the keys taken from).
    QHash<QString, int> takeUnreported();
    // The cluster's balance for `key`, with what this node reported counted in it, shared
    // by the `activeNodes` that took from it lately.
    void settle(const QString &key, double balance, int activeNodes);

private:
    void forgetFullBuckets(qint64 nowMs);

    const double m_burst;
    const double m_perSecond;
    const Clock m_clock;
    mutable QMutex m_mutex;
    QHash<QString, TokenBucket> m_buckets;
    qint64 m_lastSweepMs = 0;
    bool m_shared = false;
    double m_newBucketShare = 1.0; // of the burst, until the cluster's balance comes
    QHash<QString, int> m_unreported;
};

} // namespace Confab::Server
