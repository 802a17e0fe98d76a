#pragma once

#include <QMutex>
#include <QSqlDatabase>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <chrono>
#include <memory>

namespace Confab::Server {

// Copies SQLite's write-ahead log back into the database file on a thread of its own, at most
// once per interval and only after commits. The writer's connection no longer does this in
// its commits (SQLite's automatic checkpoint, every 1,000 pages): a commit never waits for
// a checkpoint, and a page many commits rewrite (a room's newest leaf, its members' counts)
// is copied once per interval instead of once per thousand log pages. The checkpoint is
// PASSIVE: it never blocks the writer or a reader. SQLite restarts the log from its beginning
// only when a checkpoint has copied all of it; under sustained load commits land while this
// thread copies, so it never has, and the log would grow without end. The writer therefore
// finishes the job: after a checkpoint here, its next commit copies the few frames since
// (catchUp()), and the transaction after that writes the log from its start again.
class WalCheckpointer {
public:
    explicit WalCheckpointer(std::chrono::milliseconds interval);
    ~WalCheckpointer();

    // Opens a connection of its own on the new thread; false when it cannot.
    bool start();
    void stop();
    // Called by the writer after each commit; costs one atomic store.
    void noteCommit() { m_dirty.store(true, std::memory_order_relaxed); }
    quint64 checkpoints() const { return m_checkpoints.load(); }
    // Called by the writer, on its own connection, between transactions: copies what this
    // thread's last checkpoint left in the log, when commits came during or after it.
    void catchUp(const QSqlDatabase &writerConnection);

private:
    void runLoop();

    const std::chrono::milliseconds m_interval;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
    std::atomic<bool> m_dirty { false };
    std::atomic<bool> m_catchUpWanted { false };
    std::atomic<quint64> m_checkpoints { 0 };
    std::unique_ptr<QThread> m_thread;
};

} // namespace Confab::Server
