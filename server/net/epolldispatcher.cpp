#include "net/epolldispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace Confab::Server {

namespace {
// The token of the wake-up descriptor; socket tokens carry a non-zero generation.
constexpr quint64 kWakeToken = 0;
constexpr int kEventsPerWait = 256;

quint64 tokenFor(int fd, quint32 generation)
{
    return (quint64(generation) << 32) | quint32(fd);
}
} // namespace

EpollDispatcher::EpollDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("cannot create the I/O event loop: %s", std::strerror(errno));
    epoll_event event {};
    event.events = EPOLLIN;
    event.data.u64 = kWakeToken;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qFatal("cannot watch the I/O wake-up descriptor: %s", std::strerror(errno));
}

EpollDispatcher::~EpollDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    emit awake();
    // Events posted from here on write the wake-up descriptor again, which ends the wait.
    m_wakePending.store(false);
    QCoreApplication::sendPostedEvents();
    if (m_interrupted.load())
        return true;

    const bool mayWait = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_wakePending.load()
        && !m_interrupted.load();
    const int timeoutMs = mayWait ? m_timers.msUntilNext(TimerList::now()) : 0;
    if (mayWait)
        emit aboutToBlock();
    epoll_event events[kEventsPerWait];
    int ready = epoll_wait(m_epoll, events, kEventsPerWait, timeoutMs);
    if (ready < 0)
        ready = 0; // EINTR: the loop calls again
    if (mayWait)
        emit awake();

    int handled = 0;
    for (int i = 0; i < ready; ++i) {
        if (events[i].data.u64 == kWakeToken) {
            drainWakeUps(); // the posted events are sent on the next pass
            ++handled;
            continue;
        }
        if (!flags.testFlag(QEventLoop::ExcludeSocketNotifiers))
            handled += deliver(events[i].data.u64, events[i].events);
    }
    handled += m_timers.fireDue(TimerList::now());
    return handled > 0;
}

int EpollDispatcher::deliver(quint64 token, quint32 events)
{
    const int fd = int(quint32(token));
    const quint32 generation = quint32(token >> 32);
    int handled = 0;
    // As Qt's Unix dispatcher: a hang-up or error is news for a reader, an error for a writer.
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        handled += activate(fd, generation, &Watch::read);
    if (events & (EPOLLOUT | EPOLLERR))
        handled += activate(fd, generation, &Watch::write);
    if (events & EPOLLPRI)
        handled += activate(fd, generation, &Watch::exception);
    if (handled == 0 && (events & EPOLLHUP)) {
        // Only a writer watches a socket that hung up: tell it, or the wait would spin.
        handled += activate(fd, generation, &Watch::write);
    }
    return handled;
}

bool EpollDispatcher::activate(int fd, quint32 generation, QSocketNotifier *Watch::*slot)
{
    // Looked up for each activation: the previous handler may have removed any notifier.
    const auto it = m_watches.find(fd);
    if (it == m_watches.end() || it->second.generation != generation)
        return false;
    QSocketNotifier *notifier = it->second.*slot;
    if (!notifier)
        return false;
    QEvent event(QEvent::SockAct);
    QCoreApplication::sendEvent(notifier, &event);
    return true;
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    auto [it, added] = m_watches.try_emplace(fd);
    Watch &watch = it->second;
    if (added) {
        watch.generation = m_nextGeneration++;
        if (m_nextGeneration == 0)
            m_nextGeneration = 1; // 0 would make the token of descriptor 0 the wake-up's
    }
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        watch.read = notifier;
        break;
    case QSocketNotifier::Write:
        watch.write = notifier;
        break;
    case QSocketNotifier::Exception:
        watch.exception = notifier;
        break;
    }
    updateInterest(fd, watch, added);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    Watch &watch = it->second;
    for (QSocketNotifier **slot : { &watch.read, &watch.write, &watch.exception }) {
        if (*slot == notifier)
            *slot = nullptr;
    }
    if (watch.read || watch.write || watch.exception) {
        updateInterest(fd, watch, false);
        return;
    }
    // Fails harmlessly when the descriptor is already closed: the kernel dropped it then.
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    m_watches.erase(it);
}

void EpollDispatcher::updateInterest(int fd, const Watch &watch, bool added)
{
    epoll_event event {};
    event.events = (watch.read ? EPOLLIN : 0u) | (watch.write ? EPOLLOUT : 0u)
        | (watch.exception ? EPOLLPRI : 0u);
    event.data.u64 = tokenFor(fd, watch.generation);
    // A descriptor closed without its notifiers being removed left the set; a new socket
    // with its number must be added again.
    int op = added ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (epoll_ctl(m_epoll, op, fd, &event) != 0) {
        op = (errno == EEXIST) ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
        if (epoll_ctl(m_epoll, op, fd, &event) != 0)
            qWarning("cannot watch socket %d: %s", fd, std::strerror(errno));
    }
}

void EpollDispatcher::registerTimer(
    int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    m_timers.add(timerId, interval, timerType, object, TimerList::now());
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId);
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeAll(object);
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    return m_timers.forObject(object);
}

int EpollDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingMs(timerId, TimerList::now());
}

void EpollDispatcher::wakeUp()
{
    if (m_wakePending.exchange(true))
        return; // one write wakes the wait; the rest would only cost a system call each
    const quint64 one = 1;
    while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) { }
}

void EpollDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

void EpollDispatcher::drainWakeUps()
{
    quint64 count = 0;
    while (::read(m_wakeFd, &count, sizeof count) < 0 && errno == EINTR) { }
}

} // namespace Confab::Server
