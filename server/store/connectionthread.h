#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace Confab::Server {

// Starts `thread`, named `name`, owning a database connection of its own: it opens the
// connection, runs `prepare` on it and, when both succeeded, `run`; it closes the connection
// before it ends. Returns once the connection is ready: false when it could not be opened (the
// thread then ends by itself).
bool startConnectionThread(std::unique_ptr<QThread> &thread, const QString &name,
    const std::function<void(const QSqlDatabase &)> &prepare, std::function<void()> run);

} // namespace Confab::Server
