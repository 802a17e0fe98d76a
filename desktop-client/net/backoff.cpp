#include "net/backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Confab {

Backoff::Backoff(int initialMs, int maximumMs)
    : m_initialMs(initialMs)
    , m_maximumMs(maximumMs)
{
}

void Backoff::setRange(int initialMs, int maximumMs)
{
    m_initialMs = initialMs;
    m_maximumMs = maximumMs;
}

int Backoff::nextDelayMs()
{
    const int shift = std::min(m_attempts, 16);
    const qint64 ceiling = std::min<qint64>(qint64(m_initialMs) << shift, m_maximumMs);
    ++m_attempts;
    const qint64 floor = ceiling / 2;
    return int(floor + QRandomGenerator::global()->bounded(ceiling - floor + 1));
}

} // namespace Confab
