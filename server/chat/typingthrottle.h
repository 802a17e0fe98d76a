#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

namespace Confab::Server {

// At most one relayed `typing: true` per user and room per interval.
class TypingThrottle {
public:
    explicit TypingThrottle(qint64 intervalMs = 1000);
    bool allow(const QString &userId, const QString &roomId);

private:
    const qint64 m_intervalMs;
    QMutex m_mutex;
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_lastRelay;
};

} // namespace Confab::Server
