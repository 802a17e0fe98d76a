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
class KeyedCounter;
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
    KeyedCounter &activeUploads; // uploads in progress per user
    KeyedCounter &signInsByAddress; // sign-ins waiting for argon2 per client address
    ByteBudget &queuedUploadBytes; // upload data waiting for the files thread
};

} // namespace Confab::Server
