#include "app/serverapp.h"

#include "app/clusterlinkfactory.h"
#include "chat/presence.h"
#include "chat/revocationwatcher.h"
#include "chat/session.h"
#include "logging.h"
#include "net/connection.h"
#include "net/ioworker.h"
#ifdef CONFAB_HAVE_EPOLL
#include "net/epolldispatcher.h"
#endif
#include "net/listener.h"
#include "protocol/errorcode.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/storeerror.h"

#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>

#include <algorithm>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
int orCores(int configured)
{
    return configured > 0 ? configured : qMax(1, QThread::idealThreadCount());
}

std::optional<QSslConfiguration> loadTls(const ServerConfig &config, QString *error)
{
    if (config.tlsCertFile.isEmpty() && config.tlsKeyFile.isEmpty())
        return std::nullopt;
    QFile certFile(config.tlsCertFile);
    QFile keyFile(config.tlsKeyFile);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the TLS certificate or key"_s;
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromDevice(&certFile, QSsl::Pem);
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        *error = u"the TLS certificate or key is not valid PEM"_s;
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}
} // namespace

ServerApp::ServerApp(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_writer(512, config.maxQueuedWrites,
          std::chrono::microseconds(std::clamp(config.commitWindowUs, 0, 100000)),
          std::chrono::milliseconds(qMax(0, config.maxWriteDelayMs)))
    , m_readers(u"readers"_s, config.readerThreads, config.maxQueuedReads)
    , m_sendLimiter(config.sendBurst, config.sendPerSecond)
    , m_requestLimiter(config.requestBurst, config.requestsPerSecond)
    , m_connectionLimiter(config.maxConnectionsPerIp)
    , m_files(u"files"_s, 1)
    , m_blobs(config.dataDir)
    , m_activeUploads(config.maxConcurrentUploads)
    // No one address may take more than a quarter of the hashers' queue.
    , m_signInsByAddress(qMax(1, config.maxQueuedHashes / 4))
    , m_queuedUploadBytes(config.maxQueuedUploadBytes)
{
}

ServerApp::~ServerApp()
{
    shutdown();
}

bool ServerApp::start(QString *error)
{
    QString urlError;
    const DatabaseUrl url = DatabaseUrl::parse(m_config.effectiveDatabaseUrl(), &urlError);
    if (!urlError.isEmpty()) {
        *error = urlError;
        return false;
    }
    Database::configure(url);
    try {
        Migrations::apply(Database::open(u"confab-migrations"_s));
    } catch (const StoreError &storeError) {
        *error = QString::fromUtf8(storeError.what());
        return false;
    }
    QSqlDatabase::removeDatabase(u"confab-migrations"_s);
    if (!m_blobs.prepare()) {
        *error = u"cannot create the file directories under "_s + m_config.dataDir;
        return false;
    }
    if (!m_writer.start()) {
        *error = u"the store writer could not open the database"_s;
        return false;
    }
    m_auth = std::make_unique<AuthService>(m_config, m_writer, orCores(m_config.hashThreads));
    m_context.reset(new ServerContext { m_config, m_hub, m_writer, m_readers, *m_auth,
        m_sendLimiter, m_requestLimiter, m_typing, m_files, m_blobs, m_activeUploads,
        m_signInsByAddress, m_queuedUploadBytes });
    QString linkError;
    m_clusterLink = makeClusterLink(
        m_config, m_readers, m_hub,
        [context = m_context.get()](const QString &userId, bool online) {
            if (online)
                Presence::announceOnline(*context, userId);
            else
                Presence::announceOffline(*context, userId);
        },
        { &m_sendLimiter, &m_requestLimiter, &m_auth->throttle() }, &linkError);
    if (!linkError.isEmpty()) {
        *error = linkError;
        return false;
    }
    m_hub.attach(m_clusterLink.get());
    m_running = true;
    m_uploadSweep = new QTimer(this);
    connect(m_uploadSweep, &QTimer::timeout, this, &ServerApp::sweepUploads);
    m_uploadSweep->start(int(std::clamp<qint64>(m_config.uploadExpiryMs / 24, 1000, 3600 * 1000)));
    sweepUploads();
    m_revocations
        = new RevocationWatcher(m_readers, m_hub, RevocationWatcher::DefaultIntervalMs, this);
    m_revocations->start();
    return startListening(error);
}

bool ServerApp::startListening(QString *error)
{
    QString tlsError;
    const std::optional<QSslConfiguration> tls = loadTls(m_config, &tlsError);
    if (!tlsError.isEmpty()) {
        *error = tlsError;
        return false;
    }
    for (int i = 0; i < orCores(m_config.ioThreads); ++i) {
        auto *thread = new QThread(this);
        thread->setObjectName(u"io-"_s + QString::number(i));
#ifdef CONFAB_HAVE_EPOLL
        thread->setEventDispatcher(new EpollDispatcher);
#endif
        auto *worker = new IoWorker(
            m_config, m_connectionLimiter, tls, [this](Connection *connection, PostQueue *posts) {
                acceptConnection(connection, posts);
            });
        worker->moveToThread(thread);
        thread->start();
        m_ioThreads.append(thread);
        m_workers.append(worker);
    }
    m_listener = new Listener(m_workers, this);
    m_listener->setMaxPendingConnections(1024);
    const QHostAddress host = m_config.listenHost == "localhost"_L1
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(m_config.listenHost);
    if (!m_listener->listen(host, m_config.listenPort)) {
        *error = u"cannot listen on "_s + m_config.listenHost + u':'
            + QString::number(m_config.listenPort) + u": "_s + m_listener->errorString();
        return false;
    }
    qCInfo(lcNet).noquote() << "listening on" << listenUrl() << "with" << m_workers.size()
                            << "I/O threads";
    return true;
}

QString ServerApp::listenUrl() const
{
    const bool secure = !m_config.tlsCertFile.isEmpty();
    return (secure ? u"wss://"_s : u"ws://"_s) + m_listener->serverAddress().toString() + u':'
        + QString::number(m_listener->serverPort()) + u'/';
}

void ServerApp::sweepUploads()
{
    // Unfinished uploads are kept for a while so a client can resume; then they go.
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - m_config.uploadExpiryMs;
    const BlobStore &blobs = m_blobs;
    WorkerPool &files = m_files;
    m_writer.write<QStringList>(
        [cutoff](Repositories &repos) {
            const QStringList expired = repos.attachments.uploadsOlderThan(cutoff);
            for (const QString &id : expired)
                repos.attachments.removeUpload(id);
            return expired;
        },
        [&blobs, &files](std::optional<QStringList> expired) {
            if (!expired || expired->isEmpty())
                return;
            qCInfo(lcStore) << "removing" << expired->size() << "expired uploads";
            files.run([&blobs, ids = *expired](Repositories *) {
                for (const QString &id : ids)
                    blobs.removePartial(id);
            });
        });
}

void ServerApp::acceptConnection(Connection *connection, PostQueue *posts)
{
    // Runs in the worker's thread, whose post queue other threads reach the session through.
    new Session(connection, *m_context, posts, m_nextSessionId++);
}

void ServerApp::shutdown()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_listener)
        m_listener->close();
    for (IoWorker *worker : std::as_const(m_workers)) {
        QMetaObject::invokeMethod(
            worker, [worker] { worker->closeAll(CloseCode::GoingAway, u"server shutting down"_s); },
            Qt::BlockingQueuedConnection);
    }
    // Give the close frames a moment to leave before the threads stop.
    QThread::msleep(300);
    // What is still committed reaches no session here; the other nodes read it from the log.
    m_hub.attach(nullptr);
    if (m_clusterLink)
        m_clusterLink->stop();
    // Reads and sign-ins not yet started are for connections now closing: dropped. What the
    // writer has queued is committed (a bounded backlog), and so are file writes begun.
    m_auth->stop();
    m_readers.stop();
    delete std::exchange(m_revocations, nullptr); // after its last read has finished
    m_uploadSweep->stop();
    m_writer.stop();
    m_files.waitForDone();
    for (QThread *thread : std::as_const(m_ioThreads)) {
        thread->quit();
        thread->wait();
    }
    qDeleteAll(m_workers);
    m_workers.clear();
    m_clusterLink.reset();
    qCInfo(lcNet) << "stopped";
    emit stopped();
}

} // namespace Confab::Server
