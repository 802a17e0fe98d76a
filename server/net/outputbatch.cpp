#include "net/outputbatch.h"

#include "net/connection.h"

namespace Confab::Server {

OutputBatch::OutputBatch(QObject *parent)
    : QObject(parent)
{
}

void OutputBatch::add(Connection *connection)
{
    m_waiting.emplace_back(connection);
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    // One event for any number of connections; an explicit flush before it runs leaves it
    // little or nothing to do.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_flushQueued = false;
            flush();
        },
        Qt::QueuedConnection);
}

void OutputBatch::flush()
{
    // A write may fail and close its connection, which never adds to this list again.
    std::vector<QPointer<Connection>> waiting;
    waiting.swap(m_waiting);
    for (const QPointer<Connection> &connection : waiting) {
        if (connection)
            connection->flush();
    }
}

} // namespace Confab::Server
