#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

namespace Confab::Server {

// Failed logins per account: after `maxFailures` within the window, logins for that
// username are refused until the window that began with the first failure has passed.
class LoginThrottle {
public:
    LoginThrottle(int maxFailures, qint64 windowMs);

    // 0 when a login may be tried, else the milliseconds until it may.
    qint64 retryAfter(const QString &username);
    void recordFailure(const QString &username);
    void recordSuccess(const QString &username);

private:
    struct Failures {
        int count = 0;
        qint64 firstMs = 0;
    };
    const int m_maxFailures;
    const qint64 m_windowMs;
    QMutex m_mutex;
    QElapsedTimer m_clock;
    QHash<QString, Failures> m_failures;
};

} // namespace Confab::Server
