#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Confab::Server {

struct TokenRow {
    QString userId;
    qint64 expiresAt = 0;
    bool revoked = false;
};

// The `tokens` table: session tokens, kept only as SHA-256 hashes.
class TokenRepository {
public:
    explicit TokenRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    void insert(const QString &hash, const QString &userId, const QString &device,
        qint64 createdAt, qint64 expiresAt);
    std::optional<TokenRow> find(const QString &hash) const;
    void extend(const QString &hash, qint64 expiresAt);
    void revoke(const QString &hash);
    void revokeAllOf(const QString &userId);

private:
    QSqlDatabase m_db;
};

} // namespace Confab::Server
