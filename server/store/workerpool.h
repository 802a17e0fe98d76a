#pragma once

#include "store/repositories.h"

#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <optional>

namespace Confab::Server {

// Threads for work that must stay off the sockets' threads: database reads and password
// hashing. Each thread keeps its own database connection for as long as the pool lives.
class WorkerPool {
public:
    // `maxBacklog`: tasks queued or running beyond which isBacklogged() says so.
    WorkerPool(const QString &name, int threads, int maxBacklog = 4096);
    ~WorkerPool();

    // Runs `task` on a pool thread; `finish` gets its result there, or nullopt when the
    // database failed.
    template <typename Result>
    void read(std::function<Result(Repositories &)> task,
        std::function<void(std::optional<Result>)> finish)
    {
        run([task = std::move(task), finish = std::move(finish)](Repositories *repos) {
            if (!repos) {
                finish(std::nullopt);
                return;
            }
            std::optional<Result> result;
            if (runGuarded([&] { result = task(*repos); }))
                finish(std::move(result));
            else
                finish(std::nullopt);
        });
    }

    void run(std::function<void(Repositories *)> task);
    // Waits for every task queued and closes the threads' database connections.
    void waitForDone();
    // Drops the tasks not yet started and waits for those running: at shutdown, work for
    // connections that are closing is not worth doing.
    void stop();
    // True while as many tasks wait or run as the pool takes from clients: requests that
    // would queue more are refused until it drains.
    bool isBacklogged() const { return m_backlog.load(std::memory_order_relaxed) >= m_maxBacklog; }

private:
    static bool runGuarded(const std::function<void()> &work);
    // Closes every thread's connection on that thread, then ends the threads. Left to the
    // threads' ends, cached statements would be finalised while the main thread already
    // closes the connections (QThread::wait() returns before thread_local destructors run).
    void closeConnections();
    QThreadPool m_pool;
    const int m_threads;
    const int m_maxBacklog;
    std::atomic<int> m_backlog { 0 };
};

} // namespace Confab::Server
