#pragma once

#include "protocol/limits.h"

#include <QString>
#include <QStringList>

namespace Confab::Server {

// Everything the server can be told, with the defaults it runs with when told nothing.
struct ServerConfig {
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 8080;
    QString dataDir = QStringLiteral("./var");
    QString databaseUrl; // empty: sqlite under dataDir
    QString redisUrl; // empty: a node on its own
    QString nodeId; // empty: the host name and a random suffix
    bool registrationOpen = true;
    QString tlsCertFile;
    QString tlsKeyFile;
    QString logLevel = QStringLiteral("info");
    int ioThreads = 0; // 0: one per core
    int readerThreads = 4;
    int hashThreads = 0; // 0: one per core

    // Limits.
    qint64 maxTextFrameBytes = 128 * 1024;
    qint64 maxTextBytes = 16 * 1024;
    qint64 maxUnsentBytes = 8 * 1024 * 1024;
    int maxConnectionsPerIp = 64;
    int maxGroupMembers = int(Limits::MaxGroupMembers);
    // Frames per connection (text ones, and binary ones before sign-in), at once and on
    // average; 0: twice the send and request budgets together, so that lifting those lifts it.
    int frameBurst = 0;
    double framesPerSecond = 0;
    int maxQueuedWrites = 4096; // jobs waiting for the store writer
    // How long the oldest of them may have waited before writes are refused (0: no limit).
    int maxWriteDelayMs = 100;
    // Under sustained load, the least time between the starts of two commits (see StoreWriter).
    int commitWindowUs = 10000;
    int maxQueuedReads = 4096; // reads waiting for a reader thread
    int maxQueuedHashes = 64; // sign-ins waiting for argon2
    int authTimeoutMs = 10000;
    int pingIntervalMs = 30000;
    int pongTimeoutMs = 60000;
    int sendBurst = 20;
    double sendPerSecond = 5;
    int requestBurst = 100;
    double requestsPerSecond = 50;
    int accountFailedLogins = 10;
    int accountLockoutMs = 15 * 60 * 1000;
    qint64 tokenLifetimeMs = 30LL * 24 * 3600 * 1000;

    // Files.
    qint64 chunkBytes = 256 * 1024;
    qint64 maxFileBytes = 100LL * 1024 * 1024;
    qint64 quotaBytes = 2LL * 1024 * 1024 * 1024;
    int maxConcurrentUploads = 4;
    qint64 maxQueuedUploadBytes = 64LL * 1024 * 1024; // upload data waiting to be written
    qint64 uploadExpiryMs = 24LL * 3600 * 1000;
    qint64 downloadBufferBytes = 1024 * 1024; // a download pauses while more than this is unsent

    QString effectiveDatabaseUrl() const;
    int effectiveFrameBurst() const;
    double effectiveFramesPerSecond() const;
    // Reads an INI file over the current values; an error text when it cannot.
    QString loadIni(const QString &path);
};

} // namespace Confab::Server
