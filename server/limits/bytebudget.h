#pragma once

#include <QtGlobal>

#include <atomic>

namespace Confab::Server {

// Bytes held across threads (data queued for a worker), up to a maximum.
class ByteBudget {
public:
    explicit ByteBudget(qint64 maxBytes)
        : m_max(maxBytes)
    {
    }

    // Takes `bytes`; false, and nothing taken, when that would pass the maximum.
    bool tryTake(qint64 bytes)
    {
        qint64 used = m_used.load();
        do {
            if (used + bytes > m_max)
                return false;
        } while (!m_used.compare_exchange_weak(used, used + bytes));
        return true;
    }
    void giveBack(qint64 bytes) { m_used -= bytes; }
    qint64 inUse() const { return m_used; }

private:
    const qint64 m_max;
    std::atomic<qint64> m_used { 0 };
};

} // namespace Confab::Server
