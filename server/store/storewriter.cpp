#include "store/storewriter.h"

#include "store/connectionthread.h"
#include "store/database.h"
#include "store/roommembercache.h"
#include "store/sqlquery.h"
#include "store/statementcache.h"
#include "store/storeerror.h"

#include <QLoggingCategory>

#include "logging.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

StoreWriter::StoreWriter(int maxBatch, int maxBacklog, std::chrono::microseconds gatherWindow,
    std::chrono::milliseconds maxQueueDelay)
    : m_maxBatch(maxBatch)
    , m_maxBacklog(qMax(1, maxBacklog))
    , m_gatherWindow(gatherWindow)
    , m_maxQueueDelay(maxQueueDelay)
{
    m_publisher.setObjectName(u"store-publisher"_s);
    m_publisher.setMaxThreadCount(1);
    m_publisher.setExpiryTimeout(-1);
}

StoreWriter::~StoreWriter()
{
    stop();
}

bool StoreWriter::start()
{
    if (Database::url().isSqlite()) {
        m_checkpointer = std::make_unique<WalCheckpointer>(std::chrono::milliseconds(500));
        if (!m_checkpointer->start())
            m_checkpointer.reset(); // SQLite then checkpoints in the writer's commits
    }
    const bool opened = startConnectionThread(
        m_thread, u"store-writer"_s,
        [this](const QSqlDatabase &db) {
            if (m_checkpointer)
                runQuery(db, u"PRAGMA wal_autocheckpoint=0"_s);
        },
        [this] { runLoop(); });
    QMutexLocker lock(&m_mutex);
    m_opened = opened;
    return opened;
}

void StoreWriter::stop()
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
    m_publisher.waitForDone();
    if (m_checkpointer)
        m_checkpointer->stop();
}

void StoreWriter::submit(Job job)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping || !m_opened) {
        lock.unlock();
        job.finish(false);
        return;
    }
    job.queuedAt = std::chrono::steady_clock::now();
    m_queue.append(std::move(job));
    if (!m_gathering || m_queue.size() >= m_maxBatch)
        m_wake.wakeOne();
}

quint64 StoreWriter::committedTransactions() const
{
    QMutexLocker lock(&m_mutex);
    return m_commits;
}

quint64 StoreWriter::checkpoints() const
{
    return m_checkpointer ? m_checkpointer->checkpoints() : 0;
}

bool StoreWriter::isBacklogged() const
{
    QMutexLocker lock(&m_mutex);
    // Jobs waiting to be published count too: the writer must not run ahead of the fan-out.
    if (m_queue.size() + m_publishing.load(std::memory_order_relaxed) >= m_maxBacklog)
        return true;
    return m_maxQueueDelay.count() > 0 && !m_queue.isEmpty()
        && std::chrono::steady_clock::now() - m_queue.first().queuedAt > m_maxQueueDelay;
}

void StoreWriter::runLoop()
{
    for (;;) {
        QList<Job> batch;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.isEmpty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.isEmpty() && m_stopping)
                return;
            gather(lock);
            const qsizetype take = qMin<qsizetype>(m_queue.size(), m_maxBatch);
            batch = m_queue.mid(0, take);
            m_queue.remove(0, take);
            m_lastBatchSize = take;
        }
        m_windowEnd = QDeadlineTimer(m_gatherWindow, Qt::PreciseTimer);
        if (!runBatch(batch))
            Database::dropThreadConnectionIfBroken();
    }
}

void StoreWriter::gather(QMutexLocker<QMutex> &lock)
{
    if (m_gatherWindow.count() <= 0 || m_lastBatchSize < 2)
        return;
    m_gathering = true;
    while (!m_stopping && m_queue.size() < m_maxBatch && !m_windowEnd.hasExpired())
        m_wake.wait(lock.mutex(), m_windowEnd);
    m_gathering = false;
}

bool StoreWriter::runBatch(QList<Job> &batch)
{
    QList<bool> succeeded(batch.size(), false);
    QSqlDatabase db;
    try {
        db = Database::connectionForThread(); // a new one after a lost connection
    } catch (const StoreError &error) {
        qCCritical(lcStore) << "a batch of" << batch.size() << "writes failed:" << error.what();
        publish(std::move(batch), std::move(succeeded));
        return true; // nothing to drop
    }
    Repositories repos(db);
    // Jobs rarely fail, so a batch first runs without a savepoint per job (two statements
    // each). If one fails, the whole batch is undone and run again, each job in a savepoint
    // of its own, so that the failing one is undone alone. Jobs only read and write the
    // store, so running one twice is safe.
    bool committed = runTransaction(db, repos, batch, succeeded, false);
    if (!committed)
        committed = runTransaction(db, repos, batch, succeeded, true);
    if (committed) {
        if (m_checkpointer)
            m_checkpointer->noteCommit();
        QMutexLocker lock(&m_mutex);
        ++m_commits;
    }
    for (bool &ok : succeeded)
        ok = ok && committed;
    publish(std::move(batch), std::move(succeeded));
    if (m_checkpointer)
        m_checkpointer->catchUp(db); // after the replies are on their way
    return committed;
}

bool StoreWriter::runTransaction(const QSqlDatabase &db, Repositories &repos, QList<Job> &batch,
    QList<bool> &succeeded, bool savepoints)
{
    try {
        runControl(db, Database::beginWriteStatement());
        for (qsizetype i = 0; i < batch.size(); ++i) {
            if (batch[i].unread == UnreadUse::Reads)
                repos.unread.applyTo(repos.members);
            if (!savepoints) {
                batch[i].run(repos);
                succeeded[i] = true;
                continue;
            }
            succeeded[i] = runInSavepoint(db, repos, batch[i]);
        }
        repos.unread.applyTo(repos.members);
        StatementCache::resetAll(db);
        runControl(db, u"COMMIT"_s);
        return true;
    } catch (const StoreError &error) {
        if (savepoints)
            qCCritical(lcStore) << "a batch of" << batch.size() << "writes failed:" << error.what();
        // Leaves no transaction open for the next attempt; there may be none to roll back.
        repos.unread.clear();
        StatementCache::resetAll(db);
        RoomMemberCache::clear();
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        succeeded.fill(false);
        return false;
    }
}

bool StoreWriter::runInSavepoint(const QSqlDatabase &db, Repositories &repos, Job &job)
{
    // A second try only after a conflict with another node's writer: by then what it wrote is
    // committed, and the job's own checks (a repeated clientMsgId, a taken name) see it.
    for (int attempt = 0;; ++attempt) {
        try {
            runControl(db, u"SAVEPOINT job"_s);
            job.run(repos);
            repos.unread.applyTo(repos.members); // undone with the job if it fails
            // A statement left in the middle of its rows blocks the release (and would keep
            // a read snapshot past the commit).
            StatementCache::resetAll(db);
            runControl(db, u"RELEASE SAVEPOINT job"_s);
            return true;
        } catch (const StoreError &error) {
            const bool again = attempt == 0 && error.isConflict();
            if (!again)
                qCWarning(lcStore) << "write failed:" << error.what();
            // Undoes this job alone. When the database has rolled back the whole transaction
            // itself (a full disk, an I/O error), the savepoint is gone and this throws: the
            // batch then fails as a whole, and no later job runs outside the transaction.
            repos.unread.clear();
            StatementCache::resetAll(db);
            RoomMemberCache::clear(); // it may hold what was just undone
            runControl(db, u"ROLLBACK TO SAVEPOINT job"_s);
            runControl(db, u"RELEASE SAVEPOINT job"_s);
            if (!again)
                return false;
        }
    }
}

void StoreWriter::publish(QList<Job> batch, QList<bool> committed)
{
    m_publishing += int(batch.size());
    m_publisher.start([this, batch = std::move(batch), committed = std::move(committed)] {
        for (qsizetype i = 0; i < batch.size(); ++i)
            batch[i].finish(committed[i]);
        m_publishing -= int(batch.size());
    });
}

} // namespace Confab::Server
