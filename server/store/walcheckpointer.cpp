#include "store/walcheckpointer.h"

#include "store/connectionthread.h"
#include "store/database.h"
#include "store/sqlquery.h"
#include "store/storeerror.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>

#include "logging.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

WalCheckpointer::WalCheckpointer(std::chrono::milliseconds interval)
    : m_interval(interval)
{
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

bool WalCheckpointer::start()
{
    return startConnectionThread(
        m_thread, u"store-checkpoint"_s, [](const QSqlDatabase &) {}, [this] { runLoop(); });
}

void WalCheckpointer::stop()
{
    if (!m_thread)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
}

void WalCheckpointer::runLoop()
{
    const QSqlDatabase db = Database::connectionForThread();
    QMutexLocker lock(&m_mutex);
    while (!m_stopping) {
        m_wake.wait(&m_mutex, QDeadlineTimer(m_interval));
        if (m_stopping || !m_dirty.exchange(false, std::memory_order_relaxed))
            continue;
        lock.unlock();
        try {
            // One row: busy, frames in the log, frames copied back.
            runQuery(db, u"PRAGMA wal_checkpoint(PASSIVE)"_s);
            ++m_checkpoints;
            m_catchUpWanted.store(true, std::memory_order_relaxed);
        } catch (const StoreError &error) {
            qCWarning(lcStore) << "checkpoint failed:" << error.what();
        }
        lock.relock();
    }
}

void WalCheckpointer::catchUp(const QSqlDatabase &writerConnection)
{
    if (!m_catchUpWanted.exchange(false, std::memory_order_relaxed))
        return;
    try {
        // What is left is what was committed since this thread's checkpoint began: a few
        // frames, most of them pages the log already holds. No other connection writes, so
        // this copies everything that no reader still needs.
        runQuery(writerConnection, u"PRAGMA wal_checkpoint(PASSIVE)"_s);
    } catch (const StoreError &error) {
        qCWarning(lcStore) << "checkpoint failed:" << error.what();
    }
}

} // namespace Confab::Server
