#pragma once

#include "store/repositories.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <optional>

namespace Confab::Server {

// The one thread that writes. Jobs queued while a commit runs go together into the next
// transaction (group commit); each job runs inside its own savepoint, so a job that fails
// undoes only itself. A batch whose transaction fails (the commit, or the database undoing
// it all) fails as a whole, and every job of it is told so. `finish` runs on the writer
// thread after the commit, so a reply or fan-out it sends never announces data that is not
// durable.
class StoreWriter {
public:
    struct Job {
        std::function<void(Repositories &)> run;
        std::function<void(bool committed)> finish;
    };

    // `maxBacklog`: queued jobs beyond which isBacklogged() says so.
    explicit StoreWriter(int maxBatch = 512, int maxBacklog = 4096);
    ~StoreWriter();

    // Opens the write connection on the new thread; false when the database cannot be opened.
    bool start();
    // Drains the queue, commits what is pending, and joins the thread.
    void stop();
    void submit(Job job);

    template <typename Result>
    void write(std::function<Result(Repositories &)> run,
        std::function<void(std::optional<Result>)> finish)
    {
        auto result = std::make_shared<std::optional<Result>>();
        submit({ [run = std::move(run), result](Repositories &repos) { *result = run(repos); },
            [finish = std::move(finish), result](
                bool committed) { finish(committed ? std::move(*result) : std::nullopt); } });
    }

    quint64 committedTransactions() const;
    // True while as many jobs wait as the writer takes from clients: requests that would
    // queue more are refused until it catches up. The server's own jobs are always taken.
    bool isBacklogged() const;

private:
    void runLoop();
    void runBatch(const QSqlDatabase &db, QList<Job> &batch);

    const int m_maxBatch;
    const int m_maxBacklog;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QList<Job> m_queue;
    bool m_stopping = false;
    bool m_opened = false;
    quint64 m_commits = 0;
    std::unique_ptr<QThread> m_thread;
};

} // namespace Confab::Server
