#include "net/postqueue.h"

namespace Confab::Server {

PostQueue::PostQueue(QObject *parent)
    : QObject(parent)
{
}

void PostQueue::post(std::function<void()> work)
{
    {
        QMutexLocker lock(&m_mutex);
        m_pending.push_back(std::move(work));
        if (m_wakeQueued)
            return;
        m_wakeQueued = true;
    }
    QMetaObject::invokeMethod(this, &PostQueue::drain, Qt::QueuedConnection);
}

void PostQueue::drain()
{
    std::vector<std::function<void()>> work;
    {
        QMutexLocker lock(&m_mutex);
        work.swap(m_pending);
        m_wakeQueued = false;
    }
    for (const std::function<void()> &item : work)
        item();
    if (m_afterEachBatch)
        m_afterEachBatch();
}

} // namespace Confab::Server
