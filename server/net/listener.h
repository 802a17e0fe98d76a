#pragma once

#include <QList>
#include <QTcpServer>

namespace Confab::Server {

class IoWorker;

// Accepts TCP connections and deals them out to the I/O workers in turn.
class Listener : public QTcpServer {
    Q_OBJECT
public:
    explicit Listener(QList<IoWorker *> workers, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QList<IoWorker *> m_workers;
    qsizetype m_next = 0;
};

} // namespace Confab::Server
