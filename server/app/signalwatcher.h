#pragma once

#include <QObject>

class QSocketNotifier;

namespace Confab::Server {

// Turns SIGTERM and SIGINT into a Qt signal, through a self-pipe: a Unix signal handler
// may only write a byte, the event loop does the rest.
class SignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Confab::Server
