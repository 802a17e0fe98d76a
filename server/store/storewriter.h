#pragma once

#include "store/repositories.h"
#include "store/walcheckpointer.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace Confab::Server {

// The one thread that writes. Jobs queued while a commit runs go together into the next
// transaction (group commit); a job that fails undoes only itself (the batch is then run
// again with a savepoint around each job). A batch whose transaction fails (the commit, or
// the database undoing it all) fails as a whole, and every job of it is told so. `finish`
// runs after the commit, so a reply or fan-out it sends never announces data that is not
// durable; it runs on a thread of its own ("store-publisher"), one batch after the other in
// commit order, so that the writer only writes while the last batch is serialised and
// fanned out.
//
// Under sustained load the writer gathers for a short window before it commits: a commit's
// cost (the fsync, and the pages many messages share) is paid once per batch, so fewer and
// larger batches cost less per write. A lone request (the last batch held one job, or the
// last commit began longer ago than the window) is committed at once.
class StoreWriter {
public:
    // What a job does with the members' unread counts. Most jobs may read them, so what the
    // batch has tallied (Repositories::unread) is written before they run; a job that only
    // adds to the tally lets it wait, and a batch of messages writes each room's counts once.
    enum class UnreadUse { Reads, OnlyTallies };

    struct Job {
        std::function<void(Repositories &)> run;
        std::function<void(bool committed)> finish;
        UnreadUse unread = UnreadUse::Reads;
        std::chrono::steady_clock::time_point queuedAt {}; // set by submit()
    };

    // `maxBacklog`: queued jobs beyond which isBacklogged() says so; `maxQueueDelay`: the
    // longest the oldest job may have waited before it says so too (0: no such limit).
    // `gatherWindow`: the least time from the start of one commit to the next while batches
    // keep coming (0: none).
    explicit StoreWriter(int maxBatch = 512, int maxBacklog = 4096,
        std::chrono::microseconds gatherWindow = std::chrono::microseconds(0),
        std::chrono::milliseconds maxQueueDelay = std::chrono::milliseconds(0));
    ~StoreWriter();

    // Opens the write connection on the new thread; false when the database cannot be opened.
    bool start();
    // Drains the queue, commits what is pending, runs every `finish`, and joins the threads.
    void stop();
    void submit(Job job);

    template <typename Result>
    void write(std::function<Result(Repositories &)> run,
        std::function<void(std::optional<Result>)> finish, UnreadUse unread = UnreadUse::Reads)
    {
        auto result = std::make_shared<std::optional<Result>>();
        submit({ [run = std::move(run), result](Repositories &repos) { *result = run(repos); },
            [finish = std::move(finish), result](
                bool committed) { finish(committed ? std::move(*result) : std::nullopt); },
            unread });
    }

    quint64 committedTransactions() const;
    // Checkpoints of the SQLite log run so far (0 on other databases).
    quint64 checkpoints() const;
    // True while as many jobs wait as the writer takes from clients, or the oldest has waited
    // too long: requests that would queue more are refused until it catches up, so what is
    // taken is answered in bounded time. The server's own jobs are always taken.
    bool isBacklogged() const;

private:
    void runLoop();
    // Waits, with the lock held, until the window since the last commit began is over, the
    // batch is full, or the writer stops.
    void gather(QMutexLocker<QMutex> &lock);
    // Runs and publishes a batch on the thread's connection; false when it could not commit.
    bool runBatch(QList<Job> &batch);
    // One attempt at the batch in one transaction; true when it committed.
    bool runTransaction(const QSqlDatabase &db, Repositories &repos, QList<Job> &batch,
        QList<bool> &succeeded, bool savepoints);
    // One job of a batch in a savepoint of its own; false when it failed and was undone.
    bool runInSavepoint(const QSqlDatabase &db, Repositories &repos, Job &job);
    void publish(QList<Job> batch, QList<bool> committed);

    const int m_maxBatch;
    const int m_maxBacklog;
    const std::chrono::microseconds m_gatherWindow;
    const std::chrono::milliseconds m_maxQueueDelay;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QList<Job> m_queue;
    bool m_stopping = false;
    bool m_opened = false;
    bool m_gathering = false; // waiting out the window: a submit wakes it only when full
    qsizetype m_lastBatchSize = 0;
    QDeadlineTimer m_windowEnd; // the last commit's start plus the window
    quint64 m_commits = 0;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite only
    QThreadPool m_publisher; // one thread: batches are finished in commit order
    std::atomic<int> m_publishing { 0 }; // jobs committed or failed whose finish has not run
};

} // namespace Confab::Server
