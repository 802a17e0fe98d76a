#pragma once

namespace Confab::Server {

struct ServerConfig;
class Hub;
class StoreWriter;
class WorkerPool;
class AuthService;
class RateLimiter;
class TypingThrottle;
class BlobStore;
class ActiveUploads;
class ByteBudget;

// The long-lived services a session's handlers use. Owned by ServerApp.
struct ServerContext {
    const ServerConfig &config;
    Hub &hub;
    StoreWriter &writer;
    WorkerPool &readers;
    AuthService &auth;
    RateLimiter &sendLimiter;
    RateLimiter &requestLimiter;
    TypingThrottle &typing;
    WorkerPool &files; // one thread: file I/O in the order it was asked for
    const BlobStore &blobs;
    ActiveUploads &activeUploads;
    ByteBudget &queuedUploadBytes; // upload data waiting for the files thread
};

} // namespace Confab::Server
