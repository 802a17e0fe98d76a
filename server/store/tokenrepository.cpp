#include "store/tokenrepository.h"

#include "store/sqlquery.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

void TokenRepository::insert(const QString &hash, const QString &userId, const QString &device,
    qint64 createdAt, qint64 expiresAt)
{
    runCached(m_db,
        u"INSERT INTO tokens (hash, user_id, device, created_at, expires_at, revoked)"
        " VALUES (?, ?, ?, ?, ?, 0)"_s,
        { hash, userId, device, createdAt, expiresAt });
}

std::optional<TokenRow> TokenRepository::find(const QString &hash) const
{
    QSqlQuery &query = runCached(
        m_db, u"SELECT user_id, expires_at, revoked FROM tokens WHERE hash = ?"_s, { hash });
    if (!query.next())
        return std::nullopt;
    return TokenRow { query.value(0).toString(), query.value(1).toLongLong(),
        query.value(2).toInt() != 0 };
}

void TokenRepository::extend(const QString &hash, qint64 expiresAt)
{
    runCached(m_db, u"UPDATE tokens SET expires_at = ? WHERE hash = ?"_s, { expiresAt, hash });
}

void TokenRepository::revoke(const QString &hash, qint64 ts)
{
    runCached(m_db,
        u"UPDATE tokens SET revoked = 1, revoked_at = ? WHERE hash = ? AND revoked = 0"_s,
        { ts, hash });
}

void TokenRepository::revokeAllOf(const QString &userId, qint64 ts)
{
    runCached(m_db,
        u"UPDATE tokens SET revoked = 1, revoked_at = ? WHERE user_id = ? AND revoked = 0"_s,
        { ts, userId });
}

QList<RevokedToken> TokenRepository::revokedSince(qint64 ts) const
{
    QSqlQuery &query
        = runCached(m_db, u"SELECT hash, user_id FROM tokens WHERE revoked_at >= ?"_s, { ts });
    QList<RevokedToken> tokens;
    while (query.next())
        tokens.append({ query.value(0).toString(), query.value(1).toString() });
    return tokens;
}

} // namespace Confab::Server
