#pragma once

#include <QObject>
#include <QTimer>

#include <atomic>

namespace Confab::Server {

class Hub;
class WorkerPool;

// Closes, with 4403, the open sessions whose token was revoked: by this server, by an admin
// command run as another process, or by another server on the same database. The token
// rows are the truth: every interval it reads the tokens revoked within the last window
// (wide enough for another machine's clock and for a sign-in that raced the revocation) and
// has the hub close their sessions. Closing a session twice does nothing.
class RevocationWatcher : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultIntervalMs = 500;
    static constexpr qint64 WindowMs = 10000;

    RevocationWatcher(WorkerPool &readers, const Hub &hub, int intervalMs = DefaultIntervalMs,
        QObject *parent = nullptr);
    void start();

private:
    void poll();

    WorkerPool &m_readers;
    const Hub &m_hub;
    QTimer m_timer;
    std::atomic<bool> m_polling { false }; // one read at a time, however slow the database
};

} // namespace Confab::Server
