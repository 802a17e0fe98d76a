#include "limits/clock.h"

#include <QElapsedTimer>

namespace Confab::Server {

qint64 steadyNowMs()
{
    static const QElapsedTimer started = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return started.elapsed();
}

Clock steadyClock()
{
    return &steadyNowMs;
}

} // namespace Confab::Server
