#pragma once

#include <QMutex>
#include <QObject>

#include <functional>
#include <vector>

namespace Confab::Server {

// Work for one I/O thread, posted from any thread and run there in the order posted. What is
// posted while the thread is busy waits in one list and wakes the thread once: under load a
// batch of fan-out and replies costs one wake-up and one pass of the thread's event loop
// instead of one per recipient group, and its writes go out together after it.
class PostQueue : public QObject {
public:
    explicit PostQueue(QObject *parent = nullptr);

    // Thread-safe.
    void post(std::function<void()> work);
    // Run in this queue's thread after each batch of posted work (to write what it queued).
    void setAfterEachBatch(std::function<void()> hook) { m_afterEachBatch = std::move(hook); }

private:
    void drain();

    QMutex m_mutex;
    std::vector<std::function<void()>> m_pending;
    bool m_wakeQueued = false;
    std::function<void()> m_afterEachBatch;
};

} // namespace Confab::Server
