#include "net/listener.h"

#include "net/ioworker.h"

namespace Confab::Server {

Listener::Listener(QList<IoWorker *> workers, QObject *parent)
    : QTcpServer(parent)
    , m_workers(std::move(workers))
{
}

void Listener::incomingConnection(qintptr descriptor)
{
    IoWorker *worker = m_workers.at(m_next);
    m_next = (m_next + 1) % m_workers.size();
    QMetaObject::invokeMethod(
        worker, [worker, descriptor] { worker->acceptDescriptor(descriptor); },
        Qt::QueuedConnection);
}

} // namespace Confab::Server
