#include "workerthreads.h"

#include <QMetaObject>

WorkerThreads::WorkerThreads(int count)
{
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("bench-worker-%1").arg(i));
        auto *context = new QObject;
        context->moveToThread(thread);
        thread->start();
        m_threads.append(thread);
        m_contexts.append(context);
    }
}

WorkerThreads::~WorkerThreads()
{
    for (int i = 0; i < m_threads.size(); ++i) {
        QObject *context = m_contexts.at(i);
        QThread *thread = m_threads.at(i);
        // Sockets and timers must be destroyed in the thread that owns them.
        QMetaObject::invokeMethod(context, [context, thread] {
            delete context;
            thread->quit();
        });
    }
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void WorkerThreads::post(int index, std::function<void(QObject *context)> job)
{
    QObject *context = m_contexts.at(index);
    QMetaObject::invokeMethod(
        context, [context, job] { job(context); }, Qt::QueuedConnection);
}

void WorkerThreads::postTo(QObject *receiver, std::function<void()> job)
{
    QMetaObject::invokeMethod(receiver, std::move(job), Qt::QueuedConnection);
}
