#pragma once

#include <QList>
#include <QObject>
#include <QThread>

#include <functional>

// The generator's worker threads, each a QThread with its own event loop. Work is posted
// to a thread as a function; objects it creates there are parented to that thread's
// context object, so sockets live and die in the thread that uses them.
class WorkerThreads {
public:
    explicit WorkerThreads(int count);
    ~WorkerThreads();
    WorkerThreads(const WorkerThreads &) = delete;
    WorkerThreads &operator=(const WorkerThreads &) = delete;

    int count() const { return int(m_threads.size()); }
    // Runs `job` in thread `index`, with that thread's context object as its argument.
    void post(int index, std::function<void(QObject *context)> job);
    // Runs `job` in the thread of `receiver` (e.g. the coordinator's, from a worker).
    static void postTo(QObject *receiver, std::function<void()> job);

private:
    QList<QThread *> m_threads;
    QList<QObject *> m_contexts;
};
