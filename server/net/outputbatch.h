#pragma once

#include <QObject>
#include <QPointer>

#include <vector>

namespace Confab::Server {

class Connection;

// The connections of one I/O thread that have frames waiting to be written. A fan-out or a
// batch of replies queues its frames here and each connection writes what it got in one
// system call when the batch is done, not one per frame.
class OutputBatch : public QObject {
public:
    explicit OutputBatch(QObject *parent = nullptr);

    // Called in this object's thread by a connection that has just queued its first frame.
    // Without an explicit flush, the writes happen in the next event-loop pass.
    void add(Connection *connection);
    void flush();

private:
    std::vector<QPointer<Connection>> m_waiting;
    bool m_flushQueued = false;
};

} // namespace Confab::Server
