#pragma once

#include "limits/clock.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>

namespace Confab::Server {

// Failed logins per account: after `maxFailures` within the window, logins for that
// username are refused until the window that began with the first failure has passed.
// An account is forgotten when its window passes; past `maxAccounts` the oldest windows are
// forgotten early, so a flood of made-up names cannot grow it without bound.
class LoginThrottle {
public:
    LoginThrottle(int maxFailures, qint64 windowMs, qsizetype maxAccounts = 100000,
        Clock clock = steadyClock());

    // 0 when a login may be tried, else the milliseconds until it may.
    qint64 retryAfter(const QString &username);
    void recordFailure(const QString &username);
    void recordSuccess(const QString &username);
    qsizetype trackedAccounts() const;

private:
    struct Failures {
        int count = 0;
        qint64 firstMs = 0;
    };
    void forgetOld(qint64 nowMs);

    const int m_maxFailures;
    const qint64 m_windowMs;
    const qsizetype m_maxAccounts;
    const Clock m_clock;
    mutable QMutex m_mutex;
    QHash<QString, Failures> m_failures;
    // Windows in the order they began; an entry whose account has since begun a new window
    // (or was forgotten) is skipped.
    std::deque<std::pair<QString, qint64>> m_windows;
};

} // namespace Confab::Server
