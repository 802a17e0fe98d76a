#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace Confab::Server {

// Uploads in progress per user, across all sessions, for the concurrency limit.
class ActiveUploads {
public:
    bool tryAcquire(const QString &userId, int max)
    {
        QMutexLocker lock(&m_mutex);
        int &count = m_count[userId];
        if (count >= max)
            return false;
        ++count;
        return true;
    }

    void release(const QString &userId)
    {
        QMutexLocker lock(&m_mutex);
        if (--m_count[userId] <= 0)
            m_count.remove(userId);
    }

private:
    QMutex m_mutex;
    QHash<QString, int> m_count;
};

} // namespace Confab::Server
