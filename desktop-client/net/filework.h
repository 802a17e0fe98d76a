#pragma once

#include <QByteArray>
#include <QFuture>
#include <QFutureWatcher>
#include <QString>

#include <optional>

// The disk work of file transfers, done off the GUI thread. Reads and writes run in order
// on one thread (so a download's chunks land in sequence); digests run on the global pool.
namespace Confab::FileWork {

struct Digest {
    qint64 size = -1; // -1: the file could not be read
    QString sha256;
};

QFuture<Digest> digest(const QString &path);
// Exactly `length` bytes, or nothing when the file cannot be read that far.
QFuture<std::optional<QByteArray>> read(const QString &path, qint64 offset, qint64 length);
// Where a download continues: -1 when `finalPath` is there already, else the size of what
// `partialPath` holds (0 when it does not exist).
QFuture<qint64> resumeOffset(const QString &partialPath, const QString &finalPath);
// Writes `data` at `offset` (truncating anything after it when `offset` is 0).
QFuture<bool> write(const QString &path, qint64 offset, const QByteArray &data);
// Checks `partialPath` against `sha256` and moves it to `finalPath`; removes it on mismatch.
QFuture<bool> finish(const QString &partialPath, const QString &sha256, const QString &finalPath);
// Removes a file (a cancelled recording, say).
QFuture<bool> remove(const QString &path);
// Copies (or, with `move`, renames) `source` to `target` unless `target` exists already.
QFuture<bool> place(const QString &source, const QString &target, bool move);

// Runs `handler(result)` in `context`'s thread when `future` is done, unless `context` is
// gone by then. (QFuture::then with a context asserts in Qt 6.4 when the context dies first.)
template <typename T, typename Handler>
void whenDone(const QFuture<T> &future, QObject *context, Handler handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
        [watcher, handler = std::move(handler)]() mutable {
            watcher->deleteLater();
            handler(watcher->result());
        });
    watcher->setFuture(future);
}

} // namespace Confab::FileWork
