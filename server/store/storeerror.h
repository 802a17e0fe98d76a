#pragma once

#include <QSqlError>
#include <QString>

#include <stdexcept>

namespace Confab::Server {

// Thrown by repositories when the database refuses a statement. The writer rolls back the
// one command that threw; the others of its batch still commit.
class StoreError : public std::runtime_error {
public:
    explicit StoreError(const QString &what)
        : std::runtime_error(what.toStdString())
    {
    }
};

} // namespace Confab::Server
