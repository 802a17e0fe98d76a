#pragma once

#include <QSqlError>
#include <QString>

#include <stdexcept>

namespace Confab::Server {

// Thrown by repositories when the database refuses a statement. The writer rolls back the
// one command that threw; the others of its batch still commit.
class StoreError : public std::runtime_error {
public:
    explicit StoreError(const QString &what, const QString &sqlState = {})
        : std::runtime_error(what.toStdString())
        , m_sqlState(sqlState)
    {
    }

    // The failure of a statement, with the database's own error code.
    static StoreError fromQuery(const QString &what, const QSqlError &error, const QString &sql)
    {
        return StoreError(
            what + error.text() + QStringLiteral(" in: ") + sql, error.nativeErrorCode());
    }

    // Whether another writer on the same database got in the way (PostgreSQL: a unique
    // violation, a deadlock, a serialisation failure): running the command again sees what
    // that writer committed and decides as if it had come first.
    bool isConflict() const
    {
        return m_sqlState == QLatin1StringView("23505") || m_sqlState == QLatin1StringView("40P01")
            || m_sqlState == QLatin1StringView("40001");
    }

private:
    QString m_sqlState;
};

} // namespace Confab::Server
