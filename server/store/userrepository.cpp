#include "store/userrepository.h"

#include "store/sqldialect.h"
#include "store/sqlquery.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
const QString kColumns = u"id, username, display_name, password_hash, disabled, last_seen"_s;

UserRow readUser(const QSqlQuery &query)
{
    return { query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
        query.value(3).toString(), query.value(4).toInt() != 0, query.value(5).toLongLong() };
}

QList<UserRow> readUsers(QSqlQuery &query)
{
    QList<UserRow> users;
    while (query.next())
        users.append(readUser(query));
    return users;
}

// LIKE treats % and _ as wildcards; a search for "a_b" must match only that prefix.
QString likePrefix(const QString &prefix)
{
    QString escaped = prefix;
    escaped.replace(u'\\', "\\\\"_L1).replace(u'%', "\\%"_L1).replace(u'_', "\\_"_L1);
    return escaped + u'%';
}
} // namespace

void UserRepository::insert(const UserRow &user, qint64 createdAt)
{
    runCached(m_db,
        u"INSERT INTO users (id, username, display_name, password_hash, disabled, created_at)"
        " VALUES (?, ?, ?, ?, 0, ?)"_s,
        { user.id, user.username, user.displayName, user.passwordHash, createdAt });
}

std::optional<UserRow> UserRepository::findByName(const QString &username) const
{
    QSqlQuery &query = runCached(
        m_db, u"SELECT "_s + kColumns + u" FROM users WHERE username = ?"_s, { username });
    if (!query.next())
        return std::nullopt;
    return readUser(query);
}

std::optional<UserRow> UserRepository::findById(const QString &id) const
{
    QSqlQuery &query
        = runCached(m_db, u"SELECT "_s + kColumns + u" FROM users WHERE id = ?"_s, { id });
    if (!query.next())
        return std::nullopt;
    return readUser(query);
}

QSet<QString> UserRepository::existingIds(const QStringList &ids) const
{
    QSqlQuery &query = runCached(m_db,
        u"SELECT id FROM users WHERE id IN (SELECT value FROM "_s + SqlDialect::jsonListTable(m_db)
            + u')',
        { jsonList(ids) });
    QSet<QString> found;
    while (query.next())
        found.insert(query.value(0).toString());
    return found;
}

QList<UserRow> UserRepository::search(
    const QString &prefix, const QString &excludeId, int limit) const
{
    const QString pattern = likePrefix(prefix.toLower());
    return readUsers(runCached(m_db,
        u"SELECT "_s + kColumns
            + u" FROM users WHERE disabled = 0 AND id <> ? AND (username LIKE ? ESCAPE '\\'"
              " OR LOWER(display_name) LIKE ? ESCAPE '\\') ORDER BY username LIMIT ?"_s,
        { excludeId, pattern, pattern, limit }));
}

QList<UserRow> UserRepository::all() const
{
    return readUsers(runCached(m_db, u"SELECT "_s + kColumns + u" FROM users ORDER BY username"_s));
}

bool UserRepository::setPasswordHash(const QString &username, const QString &hash)
{
    return runCached(
               m_db, u"UPDATE users SET password_hash = ? WHERE username = ?"_s, { hash, username })
               .numRowsAffected()
        > 0;
}

bool UserRepository::setDisabled(const QString &username, bool disabled)
{
    return runCached(m_db, u"UPDATE users SET disabled = ? WHERE username = ?"_s,
               { disabled ? 1 : 0, username })
               .numRowsAffected()
        > 0;
}

void UserRepository::setLastSeen(const QString &id, qint64 ts)
{
    runCached(m_db, u"UPDATE users SET last_seen = ? WHERE id = ?"_s, { ts, id });
}

} // namespace Confab::Server
