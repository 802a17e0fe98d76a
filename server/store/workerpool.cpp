#include "store/workerpool.h"

#include "store/database.h"
#include "store/statementcache.h"
#include "store/storeerror.h"

#include <QLoggingCategory>

#include <latch>

#include "logging.h"

namespace Confab::Server {

WorkerPool::WorkerPool(const QString &name, int threads, int maxBacklog)
    : m_threads(qMax(1, threads))
    , m_maxBacklog(qMax(1, maxBacklog))
{
    m_pool.setObjectName(name);
    m_pool.setMaxThreadCount(m_threads);
    // Threads that expire would leave their database connections behind.
    m_pool.setExpiryTimeout(-1);
}

WorkerPool::~WorkerPool()
{
    closeConnections();
}

void WorkerPool::waitForDone()
{
    closeConnections();
}

void WorkerPool::stop()
{
    m_pool.clear();
    closeConnections();
    m_backlog = 0; // the dropped tasks never counted themselves out
}

void WorkerPool::closeConnections()
{
    // QThreadPool::waitForDone() ends the threads, so each must close its connection first.
    // One task per thread: each waits until all have started, so no thread takes two, and
    // each starts after the tasks queued before it.
    std::latch allStarted(m_threads);
    for (int i = 0; i < m_threads; ++i) {
        m_pool.start([&allStarted] {
            Database::closeThreadConnection();
            allStarted.arrive_and_wait();
        });
    }
    m_pool.waitForDone();
}

namespace {
// Whether a read of the task running on this thread failed.
thread_local bool t_readFailed = false;
} // namespace

bool WorkerPool::runGuarded(const std::function<void()> &work)
{
    try {
        work();
        return true;
    } catch (const StoreError &error) {
        qCWarning(lcStore) << "read failed:" << error.what();
        t_readFailed = true;
        return false;
    }
}

void WorkerPool::run(std::function<void(Repositories *)> task)
{
    ++m_backlog;
    m_pool.start([this, task = std::move(task)] {
        t_readFailed = false;
        {
            std::optional<Repositories> repos;
            const bool opened = runGuarded([&] { repos.emplace(Database::connectionForThread()); });
            task(opened ? &*repos : nullptr);
            if (opened) // so that the next task reads the database as it is then
                StatementCache::resetAll(repos->db);
        }
        if (t_readFailed) // with the task's copies of the connection gone
            Database::dropThreadConnectionIfBroken();
        --m_backlog;
    });
}

} // namespace Confab::Server
