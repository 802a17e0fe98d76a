#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Confab::Server {

// The `blocks` table: who blocks whom.
class BlockRepository {
public:
    explicit BlockRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    void add(const QString &blockerId, const QString &blockedId, qint64 ts);
    void remove(const QString &blockerId, const QString &blockedId);
    bool eitherBlocks(const QString &a, const QString &b) const;

private:
    QSqlDatabase m_db;
};

} // namespace Confab::Server
