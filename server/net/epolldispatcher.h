#pragma once

#include "net/timerlist.h"

#include <QAbstractEventDispatcher>

#include <atomic>
#include <unordered_map>

namespace Confab::Server {

// An event dispatcher for the I/O threads (Linux). Qt's own polls every socket of the thread
// on each pass of its loop, which under load costs more than the reading and writing; epoll
// costs per ready socket. Semantics follow Qt's Unix dispatcher: level-triggered notifiers,
// a hang-up or error wakes the read notifier (and an error the write one too).
class EpollDispatcher final : public QAbstractEventDispatcher {
    Q_OBJECT
public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(
        int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    // The notifiers of one descriptor. `generation` tells an event for this registration from
    // one for an earlier socket that had the same number.
    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 generation = 0;
    };

    void updateInterest(int fd, const Watch &watch, bool added);
    int deliver(quint64 token, quint32 events);
    bool activate(int fd, quint32 generation, QSocketNotifier *Watch::*slot);
    void drainWakeUps();

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakePending { false };
    std::atomic<bool> m_interrupted { false };
    std::unordered_map<int, Watch> m_watches;
    quint32 m_nextGeneration = 1;
    TimerList m_timers;
};

} // namespace Confab::Server
