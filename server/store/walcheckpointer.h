#pragma once

#include <QMutex>
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
// PASSIVE: it never blocks the writer or a reader; the log restarts from its beginning once
// a checkpoint has caught up with it.
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

private:
    void runLoop();

    const std::chrono::milliseconds m_interval;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
    std::atomic<bool> m_dirty { false };
    std::atomic<quint64> m_checkpoints { 0 };
    std::unique_ptr<QThread> m_thread;
};

} // namespace Confab::Server
