#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QThreadPool>

namespace Confab {

// Writes the outbox's file on a thread of its own, so that the GUI thread never waits for the
// disk. Each write replaces the whole file atomically (QSaveFile); writes that pile up while
// one runs collapse into the newest, so the file always ends holding the last state.
class OutboxFile {
public:
    OutboxFile();
    ~OutboxFile(); // waits for the last write

    void write(const QString &path, const QByteArray &contents);
    void waitForWrites() { m_thread.waitForDone(); }

    enum class ReadResult { Read, Missing, KeptAside, Unreadable };
    // Reads `path`; a file that is there but cannot be parsed is moved aside (beside it, with
    // ".corrupt-" and the time added) so that no later write destroys what it holds.
    static QByteArray readKeepingCorrupt(const QString &path, ReadResult *result);

private:
    void drain();

    QThreadPool m_thread;
    QMutex m_mutex;
    QString m_path;
    QByteArray m_next;
    bool m_pending = false;
    bool m_running = false;
};

} // namespace Confab
