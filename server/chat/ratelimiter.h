#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

namespace Confab::Server {

// Token buckets keyed by user, shared by all of a user's sessions.
class RateLimiter {
public:
    RateLimiter(int burst, double perSecond);

    // 0 when the request may go ahead (and a token is taken), else how long to wait in ms.
    qint64 take(const QString &key);

private:
    struct Bucket {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    const double m_burst;
    const double m_perSecond;
    QMutex m_mutex;
    QElapsedTimer m_clock;
    QHash<QString, Bucket> m_buckets;
};

} // namespace Confab::Server
