#pragma once

#include "limits/clock.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>
#include <functional>

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

    // Shared with other nodes: `report` hears of every failure and success recorded here (set
    // before use, called outside the lock), and the count of the account's failures on all
    // nodes comes back through noteShared().
    using Report = std::function<void(const QString &username, bool failed)>;
    void reportTo(Report report) { m_report = std::move(report); }
    void noteShared(const QString &username, int failures, qint64 windowLeftMs);
    qint64 windowMs() const { return m_windowMs; }

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
    Report m_report;
    mutable QMutex m_mutex;
    QHash<QString, Failures> m_failures;
    // Windows in the order they began; an entry whose account has since begun a new window
    // (or was forgotten) is skipped.
    std::deque<std::pair<QString, qint64>> m_windows;
};

} // namespace Confab::Server
