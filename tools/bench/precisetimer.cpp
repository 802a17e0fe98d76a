#include "precisetimer.h"

#include <sys/timerfd.h>
#include <unistd.h>

PreciseTimer::PreciseTimer(QObject *parent)
    : QObject(parent)
    , m_fd(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC))
{
    if (m_fd < 0)
        return;
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        quint64 expirations = 0;
        if (read(m_fd, &expirations, sizeof expirations) == sizeof expirations)
            emit fired();
    });
}

PreciseTimer::~PreciseTimer()
{
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

void PreciseTimer::fireAt(qint64 monotonicUs)
{
    itimerspec spec {};
    const qint64 at = qMax<qint64>(1, monotonicUs); // zero would disarm the timer
    spec.it_value.tv_sec = at / 1000000;
    spec.it_value.tv_nsec = (at % 1000000) * 1000;
    timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void PreciseTimer::stop()
{
    const itimerspec spec {};
    timerfd_settime(m_fd, 0, &spec, nullptr);
}
