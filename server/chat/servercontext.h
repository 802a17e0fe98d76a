#pragma once

namespace Confab::Server {

struct ServerConfig;
class Hub;
class StoreWriter;
class WorkerPool;
class AuthService;
class RateLimiter;
class TypingThrottle;

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
};

} // namespace Confab::Server
