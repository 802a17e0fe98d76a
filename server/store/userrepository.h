#pragma once

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace Confab::Server {

struct UserRow {
    QString id;
    QString username;
    QString displayName;
    QString passwordHash;
    bool disabled = false;
    qint64 lastSeen = 0;
};

// The `users` table.
class UserRepository {
public:
    explicit UserRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    void insert(const UserRow &user, qint64 createdAt);
    std::optional<UserRow> findByName(const QString &username) const;
    std::optional<UserRow> findById(const QString &id) const;
    // The ids of `ids` that name a user, in a few statements however many there are.
    QSet<QString> existingIds(const QStringList &ids) const;
    QList<UserRow> search(const QString &prefix, const QString &excludeId, int limit) const;
    QList<UserRow> all() const;
    bool setPasswordHash(const QString &username, const QString &hash);
    bool setDisabled(const QString &username, bool disabled);
    void setLastSeen(const QString &id, qint64 ts);

private:
    QSqlDatabase m_db;
};

} // namespace Confab::Server
