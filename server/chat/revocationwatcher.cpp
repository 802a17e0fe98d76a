#include "chat/revocationwatcher.h"

#include "chat/hub.h"
#include "store/workerpool.h"

#include <QDateTime>

namespace Confab::Server {

RevocationWatcher::RevocationWatcher(
    WorkerPool &readers, const Hub &hub, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_readers(readers)
    , m_hub(hub)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &RevocationWatcher::poll);
}

void RevocationWatcher::start()
{
    m_timer.start();
}

void RevocationWatcher::poll()
{
    if (m_polling.exchange(true))
        return;
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - WindowMs;
    m_readers.read<QList<RevokedToken>>(
        [since](Repositories &repos) { return repos.tokens.revokedSince(since); },
        [this](std::optional<QList<RevokedToken>> revoked) {
            if (revoked && !revoked->isEmpty())
                m_hub.closeRevoked(*revoked);
            m_polling = false;
        });
}

} // namespace Confab::Server
