#include "net/timerlist.h"

#include <QCoreApplication>
#include <QTimerEvent>

#include <chrono>
#include <limits>
#include <vector>

namespace Confab::Server {

TimerList::Clock TimerList::now()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void TimerList::add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object, Clock now)
{
    remove(id);
    const Clock due = now + intervalMs;
    m_timers.emplace(id, Timer { intervalMs, type, object, due });
    m_byDue.emplace(due, id);
}

bool TimerList::remove(int id)
{
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return false;
    m_byDue.erase({ it->second.due, id });
    m_timers.erase(it);
    return true;
}

bool TimerList::removeAll(QObject *object)
{
    std::vector<int> ids;
    for (const auto &[id, timer] : m_timers) {
        if (timer.object == object)
            ids.push_back(id);
    }
    for (int id : ids)
        remove(id);
    return !ids.empty();
}

QList<QAbstractEventDispatcher::TimerInfo> TimerList::forObject(QObject *object) const
{
    QList<QAbstractEventDispatcher::TimerInfo> out;
    for (const auto &[id, timer] : m_timers) {
        if (timer.object == object)
            out.append({ id, int(timer.intervalMs), timer.type });
    }
    return out;
}

int TimerList::remainingMs(int id, Clock now) const
{
    const auto it = m_timers.find(id);
    if (it == m_timers.end())
        return -1;
    return int(qMax<Clock>(0, it->second.due - now));
}

int TimerList::msUntilNext(Clock now) const
{
    for (const auto &[due, id] : m_byDue) {
        if (!m_timers.at(id).firing)
            return int(qBound(Clock(0), due - now, Clock(std::numeric_limits<int>::max())));
    }
    return -1;
}

int TimerList::fireDue(Clock now)
{
    std::vector<int> due;
    for (const auto &[when, id] : m_byDue) {
        if (when > now)
            break;
        due.push_back(id);
    }
    int fired = 0;
    for (int id : due) {
        auto it = m_timers.find(id);
        // An earlier timer's handler may have stopped or restarted this one.
        if (it == m_timers.end() || it->second.firing || it->second.due > now)
            continue;
        Timer &timer = it->second;
        m_byDue.erase({ timer.due, id });
        // The next time is counted from when it was due; a timer that fell a whole interval
        // behind skips what it missed.
        timer.due += timer.intervalMs;
        if (timer.due < now)
            timer.due = now + timer.intervalMs;
        m_byDue.emplace(timer.due, id);
        timer.firing = true;
        QObject *object = timer.object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        it = m_timers.find(id); // the handler may have removed it
        if (it != m_timers.end())
            it->second.firing = false;
    }
    return fired;
}

} // namespace Confab::Server
