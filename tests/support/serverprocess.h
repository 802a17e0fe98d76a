#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// Runs the real confab-server binary (path from $CONFAB_SERVER_BINARY) on a loopback port
// chosen by the OS, with its data in a directory that outlives restarts of the process.
class ServerProcess {
public:
    // An empty dataDir means a fresh temporary directory owned by this object.
    explicit ServerProcess(const QString &dataDir = {});
    ~ServerProcess();

    // Starts the server and waits until it listens; extra arguments go to the command line.
    bool start(const QStringList &extraArgs = {});
    // Writes `ini` as the config file (see writeConfig) and starts the server with it.
    bool startWithConfig(const QByteArray &ini);
    void kill(); // SIGKILL: a crash
    bool stop(); // SIGTERM: a graceful shutdown; true when it exited with code 0

    QUrl url() const { return m_url; }
    qint64 pid() const { return m_process.processId(); }
    QString dataDir() const { return m_dataDir; }
    // The --database it runs on: SQLite in the data directory, or a PostgreSQL database of
    // its own (see TestDatabase).
    QString databaseUrl() const;
    QByteArray output() const { return m_output; }
    // Writes an INI file into the data directory and returns its path, for `--config`.
    QString writeConfig(const QByteArray &ini) const;
    // Runs an admin command (`user add ...`) against the same database, feeding `input`.
    int runAdmin(const QStringList &args, const QByteArray &input, QByteArray *output = nullptr);

private:
    QTemporaryDir m_tempDir;
    QString m_dataDir;
    bool m_ownsDatabase; // created with the temporary directory, dropped with it
    mutable QString m_databaseUrl;
    QProcess m_process;
    QUrl m_url;
    QByteArray m_output;
    QStringList m_lastArgs;
};
