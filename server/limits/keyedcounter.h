#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace Confab::Server {

// Counts what each key holds at once, across threads, up to a maximum per key: open
// connections per address, uploads in progress per user, sign-ins waiting per address. A key
// is forgotten when it holds nothing.
class KeyedCounter {
public:
    explicit KeyedCounter(int maxPerKey)
        : m_max(maxPerKey)
    {
    }

    // Takes one place for `key`; false, and nothing taken, when it holds the maximum.
    bool tryAcquire(const QString &key);
    void release(const QString &key);
    int heldBy(const QString &key) const;
    qsizetype trackedKeys() const;

private:
    const int m_max;
    mutable QMutex m_mutex;
    QHash<QString, int> m_open;
};

} // namespace Confab::Server
