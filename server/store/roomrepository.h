#pragma once

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace Confab::Server {

struct RoomRow {
    QString id;
    QString kind;
    QString name;
    QString ownerId;
    qint64 lastSeq = 0;
    qint64 lastTs = 0;
};

// The `rooms` table. Sequence numbers are handed out here, inside the caller's transaction.
class RoomRepository {
public:
    explicit RoomRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    static QString directKey(const QString &a, const QString &b);

    void insert(const RoomRow &room, const QString &directKey, qint64 createdAt);
    std::optional<RoomRow> find(const QString &id) const;
    std::optional<RoomRow> findDirect(const QString &directKey) const;
    // The rooms a user is in, most recent activity first, in one statement.
    QList<RoomRow> ofMember(const QString &userId) const;
    // The last_seq of every room any of these users is in, in one statement.
    QHash<QString, qint64> lastSeqsOfMembers(const QStringList &userIds) const;
    // Takes the next seq of the room; the row lock this update takes orders concurrent
    // writers on PostgreSQL, and a rollback gives the number back.
    qint64 takeNextSeq(const QString &id, qint64 ts);
    // Takes the next seq if the room's members_version is still `membersVersion`.
    std::optional<qint64> takeNextSeqAt(const QString &id, qint64 ts, qint64 membersVersion);
    // Takes the next `count` seqs at once and returns the first of them.
    qint64 takeSeqs(const QString &id, qint64 count, qint64 ts);
    void rename(const QString &id, const QString &name);
    void setOwner(const QString &id, const QString &ownerId);

private:
    QSqlDatabase m_db;
};

} // namespace Confab::Server
