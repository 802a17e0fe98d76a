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
class RateLimiter {
public:
    RateLimiter(int burst, double perSecond, Clock clock = steadyClock());

    // 0 when the request may go ahead (and a token is taken), else how long to wait in ms.
    qint64 take(const QString &key);
    qsizetype trackedKeys() const;

private:
    void forgetFullBuckets(qint64 nowMs);

    const double m_burst;
    const double m_perSecond;
    const Clock m_clock;
    mutable QMutex m_mutex;
    QHash<QString, TokenBucket> m_buckets;
    qint64 m_lastSweepMs = 0;
};

} // namespace Confab::Server
