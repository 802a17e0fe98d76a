#pragma once

#include "limits/clock.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace Confab::Server {

// At most one relayed `typing: true` per user and room per interval. An entry older than the
// interval decides nothing, so the throttle keeps two generations of entries and drops the
// older one as each interval passes: it holds only what arrived in the last two intervals.
class TypingThrottle {
public:
    explicit TypingThrottle(qint64 intervalMs = 1000, Clock clock = steadyClock());
    bool allow(const QString &userId, const QString &roomId);
    qsizetype trackedKeys() const;

private:
    void rotate(qint64 nowMs);

    const qint64 m_intervalMs;
    const Clock m_clock;
    mutable QMutex m_mutex;
    QHash<QString, qint64> m_current; // relays since m_currentSinceMs
    QHash<QString, qint64> m_previous; // relays of the generation before
    qint64 m_currentSinceMs = 0;
};

} // namespace Confab::Server
