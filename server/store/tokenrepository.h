#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Confab::Server {

struct TokenRow {
    QString userId;
    qint64 expiresAt = 0;
    bool revoked = false;
};

// A token revoked at some time, to find the connections that still use it.
struct RevokedToken {
    QString hash;
    QString userId;
};

// The `tokens` table: session tokens, kept only as SHA-256 hashes.
class TokenRepository {
public:
    explicit TokenRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    void insert(const QString &hash, const QString &userId, const QString &device, qint64 createdAt,
        qint64 expiresAt);
    std::optional<TokenRow> find(const QString &hash) const;
    void extend(const QString &hash, qint64 expiresAt);
    // Revocation records its time, so that servers watching the table can close the
    // connections of the token.
    void revoke(const QString &hash, qint64 ts);
    void revokeAllOf(const QString &userId, qint64 ts);
    QList<RevokedToken> revokedSince(qint64 ts) const;

private:
    QSqlDatabase m_db;
};

} // namespace Confab::Server
