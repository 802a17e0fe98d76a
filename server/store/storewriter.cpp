#include "store/storewriter.h"

#include "store/database.h"
#include "store/sqlquery.h"
#include "store/storeerror.h"

#include <QLoggingCategory>
#include <QSemaphore>

#include "logging.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

StoreWriter::StoreWriter(int maxBatch, int maxBacklog)
    : m_maxBatch(maxBatch)
    , m_maxBacklog(qMax(1, maxBacklog))
{
}

StoreWriter::~StoreWriter()
{
    stop();
}

bool StoreWriter::start()
{
    QSemaphore opened;
    m_thread.reset(QThread::create([this, &opened] {
        bool ok = true;
        try {
            Database::connectionForThread();
        } catch (const StoreError &error) {
            qCCritical(lcStore) << "writer cannot open the database:" << error.what();
            ok = false;
        }
        {
            QMutexLocker lock(&m_mutex);
            m_opened = ok;
        }
        opened.release();
        if (ok)
            runLoop();
        Database::closeThreadConnection();
    }));
    m_thread->setObjectName(u"store-writer"_s);
    m_thread->start();
    opened.acquire();
    QMutexLocker lock(&m_mutex);
    return m_opened;
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
}

void StoreWriter::submit(Job job)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping || !m_opened) {
        lock.unlock();
        job.finish(false);
        return;
    }
    m_queue.append(std::move(job));
    m_wake.wakeOne();
}

quint64 StoreWriter::committedTransactions() const
{
    QMutexLocker lock(&m_mutex);
    return m_commits;
}

bool StoreWriter::isBacklogged() const
{
    QMutexLocker lock(&m_mutex);
    return m_queue.size() >= m_maxBacklog;
}

void StoreWriter::runLoop()
{
    const QSqlDatabase db = Database::connectionForThread();
    for (;;) {
        QList<Job> batch;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.isEmpty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.isEmpty() && m_stopping)
                return;
            const qsizetype take = qMin<qsizetype>(m_queue.size(), m_maxBatch);
            batch = m_queue.mid(0, take);
            m_queue.remove(0, take);
        }
        runBatch(db, batch);
    }
}

void StoreWriter::runBatch(const QSqlDatabase &db, QList<Job> &batch)
{
    Repositories repos(db);
    QList<bool> succeeded(batch.size(), false);
    bool committed = false;
    try {
        runQuery(db, Database::beginWriteStatement());
        for (qsizetype i = 0; i < batch.size(); ++i) {
            try {
                runQuery(db, u"SAVEPOINT job"_s);
                batch[i].run(repos);
                runQuery(db, u"RELEASE SAVEPOINT job"_s);
                succeeded[i] = true;
            } catch (const StoreError &error) {
                qCWarning(lcStore) << "write failed:" << error.what();
                // Undoes this job alone. When the database has rolled back the whole
                // transaction itself (a full disk, an I/O error), the savepoint is gone and
                // this throws: the batch then fails as a whole, and no later job runs
                // outside the transaction.
                runQuery(db, u"ROLLBACK TO SAVEPOINT job"_s);
                runQuery(db, u"RELEASE SAVEPOINT job"_s);
            }
        }
        runQuery(db, u"COMMIT"_s);
        committed = true;
    } catch (const StoreError &error) {
        qCCritical(lcStore) << "a batch of" << batch.size() << "writes failed:" << error.what();
        // Leaves no transaction open for the next batch; there may be none to roll back.
        QSqlQuery(db).exec(u"ROLLBACK"_s);
    }
    if (committed) {
        QMutexLocker lock(&m_mutex);
        ++m_commits;
    }
    for (qsizetype i = 0; i < batch.size(); ++i)
        batch[i].finish(committed && succeeded[i]);
}

} // namespace Confab::Server
