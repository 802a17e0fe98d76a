#pragma once

#include "auth/authservice.h"
#include "bus/clusterlink.h"
#include "chat/hub.h"
#include "chat/servercontext.h"
#include "config/serverconfig.h"
#include "files/blobstore.h"
#include "limits/bytebudget.h"
#include "limits/keyedcounter.h"
#include "limits/ratelimiter.h"
#include "limits/typingthrottle.h"
#include "store/storewriter.h"
#include "store/workerpool.h"

#include <QList>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

namespace Confab::Server {

class IoWorker;
class RevocationWatcher;
class Listener;
class Connection;

// Wires the server together: storage, worker pools, I/O threads and the listener.
class ServerApp : public QObject {
    Q_OBJECT
public:
    explicit ServerApp(const ServerConfig &config, QObject *parent = nullptr);
    ~ServerApp() override;

    // Opens and migrates the database, starts the threads and listens. On failure, the
    // reason is in `error`.
    bool start(QString *error);
    // Closes every connection with 1001, finishes pending writes, stops the threads.
    void shutdown();
    QString listenUrl() const;

signals:
    void stopped();

private:
    void acceptConnection(Connection *connection, PostQueue *posts);
    bool startListening(QString *error);
    void sweepUploads();

    ServerConfig m_config;
    Hub m_hub;
    StoreWriter m_writer;
    WorkerPool m_readers;
    std::unique_ptr<AuthService> m_auth;
    RateLimiter m_sendLimiter;
    RateLimiter m_requestLimiter;
    TypingThrottle m_typing;
    KeyedCounter m_connectionLimiter;
    WorkerPool m_files;
    BlobStore m_blobs;
    KeyedCounter m_activeUploads;
    KeyedCounter m_signInsByAddress;
    ByteBudget m_queuedUploadBytes;
    QTimer *m_uploadSweep = nullptr;
    RevocationWatcher *m_revocations = nullptr;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<ClusterLink> m_clusterLink; // with --redis
    QList<QThread *> m_ioThreads;
    QList<IoWorker *> m_workers;
    Listener *m_listener = nullptr;
    std::atomic<quint64> m_nextSessionId { 1 };
    bool m_running = false;
};

} // namespace Confab::Server
