#include "store/blockrepository.h"

#include "store/sqlquery.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

void BlockRepository::add(const QString &blockerId, const QString &blockedId, qint64 ts)
{
    if (cachedValue(m_db, u"SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?"_s,
            { blockerId, blockedId })
            .isValid())
        return;
    runCached(m_db, u"INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)"_s,
        { blockerId, blockedId, ts });
}

void BlockRepository::remove(const QString &blockerId, const QString &blockedId)
{
    runCached(m_db, u"DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?"_s,
        { blockerId, blockedId });
}

bool BlockRepository::eitherBlocks(const QString &a, const QString &b) const
{
    return cachedValue(m_db,
        u"SELECT 1 FROM blocks WHERE (blocker_id = ? AND blocked_id = ?)"
        " OR (blocker_id = ? AND blocked_id = ?)"_s,
        { a, b, b, a })
        .isValid();
}

} // namespace Confab::Server
