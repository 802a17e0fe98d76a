#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace Confab::Server {

// Counts open connections per peer address across all I/O threads. An address is forgotten
// when its last connection closes.
class ConnectionLimiter {
public:
    explicit ConnectionLimiter(int maxPerAddress)
        : m_max(maxPerAddress)
    {
    }

    bool tryAcquire(const QString &address);
    void release(const QString &address);
    int openFrom(const QString &address) const;
    qsizetype trackedAddresses() const;

private:
    const int m_max;
    mutable QMutex m_mutex;
    QHash<QString, int> m_open;
};

} // namespace Confab::Server
