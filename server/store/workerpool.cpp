#include "store/workerpool.h"

#include "store/database.h"
#include "store/statementcache.h"
#include "store/storeerror.h"

#include <QLoggingCategory>

#include "logging.h"

namespace Confab::Server {

WorkerPool::WorkerPool(const QString &name, int threads, int maxBacklog)
    : m_maxBacklog(qMax(1, maxBacklog))
{
    m_pool.setObjectName(name);
    m_pool.setMaxThreadCount(qMax(1, threads));
    // Threads that expire would leave their database connections behind.
    m_pool.setExpiryTimeout(-1);
}

WorkerPool::~WorkerPool()
{
    waitForDone();
}

void WorkerPool::waitForDone()
{
    m_pool.waitForDone();
}

void WorkerPool::stop()
{
    m_pool.clear();
    m_pool.waitForDone();
    m_backlog = 0; // the dropped tasks never counted themselves out
}

bool WorkerPool::runGuarded(const std::function<void()> &work)
{
    try {
        work();
        return true;
    } catch (const StoreError &error) {
        qCWarning(lcStore) << "read failed:" << error.what();
        return false;
    }
}

void WorkerPool::run(std::function<void(Repositories *)> task)
{
    ++m_backlog;
    m_pool.start([this, task = std::move(task)] {
        std::optional<Repositories> repos;
        const bool opened = runGuarded([&] { repos.emplace(Database::connectionForThread()); });
        task(opened ? &*repos : nullptr);
        if (opened) // so that the next task reads the database as it is then
            StatementCache::resetAll(repos->db);
        --m_backlog;
    });
}

} // namespace Confab::Server
