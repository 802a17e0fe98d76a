#pragma once

#include <QAbstractEventDispatcher>
#include <QList>

#include <set>
#include <unordered_map>
#include <utility>

class QObject;

namespace Confab::Server {

// The timers of one event dispatcher, ordered by when they are due. Every Qt timer repeats
// (a single-shot QTimer stops itself when it fires); a timer does not fire again while its
// own event is being handled.
class TimerList {
public:
    using Clock = qint64; // milliseconds of a monotonic clock

    static Clock now();

    void add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object, Clock now);
    bool remove(int id);
    bool removeAll(QObject *object);
    QList<QAbstractEventDispatcher::TimerInfo> forObject(QObject *object) const;
    // Milliseconds until the timer is due (0 when overdue), -1 for an unknown timer.
    int remainingMs(int id, Clock now) const;
    // Milliseconds until the next timer is due (0 when one is overdue), -1 when none runs.
    int msUntilNext(Clock now) const;
    // Sends a QTimerEvent for each timer due at `now`, each at most once; returns how many.
    int fireDue(Clock now);
    bool isEmpty() const { return m_timers.empty(); }

private:
    struct Timer {
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        Clock due;
        bool firing = false;
    };

    std::unordered_map<int, Timer> m_timers;
    std::set<std::pair<Clock, int>> m_byDue;
};

} // namespace Confab::Server
