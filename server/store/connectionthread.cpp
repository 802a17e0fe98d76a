#include "store/connectionthread.h"

#include "store/database.h"
#include "store/storeerror.h"

#include <QLoggingCategory>
#include <QSemaphore>

#include "logging.h"

namespace Confab::Server {

bool startConnectionThread(std::unique_ptr<QThread> &thread, const QString &name,
    const std::function<void(const QSqlDatabase &)> &prepare, std::function<void()> run)
{
    QSemaphore ready;
    bool opened = true;
    // `name`, `prepare` and `opened` live until ready is released; `run` is the thread's own.
    thread.reset(QThread::create([&ready, &opened, &name, &prepare, run = std::move(run)] {
        try {
            prepare(Database::connectionForThread());
        } catch (const StoreError &error) {
            qCCritical(lcStore) << name << "cannot open the database:" << error.what();
            opened = false;
        }
        const bool runs = opened;
        ready.release();
        if (runs)
            run();
        Database::closeThreadConnection();
    }));
    thread->setObjectName(name);
    thread->start();
    ready.acquire();
    return opened;
}

} // namespace Confab::Server
