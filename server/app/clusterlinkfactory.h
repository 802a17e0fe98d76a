#pragma once

#include "bus/clusterlink.h"

#include <QString>

#include <functional>
#include <memory>

namespace Confab::Server {

struct ServerConfig;
class Hub;
class LoginThrottle;
class RateLimiter;
class WorkerPool;

// Announces that a user came online (true) or went offline (false), from any thread.
using PresenceAnnouncer = std::function<void(const QString &userId, bool online)>;

// The per-user budgets the nodes share; they outlive the link.
struct SharedBudgets {
    RateLimiter *sends;
    RateLimiter *requests;
    LoginThrottle *logins;
};

// The link to the other nodes of a server started with a Redis URL: its bus, started, reading
// the log through the reader pool, handing what it learns to the hub and presence changes to
// `announce`, and sharing `budgets` with the other nodes. Null without a Redis URL, and null with
// `error` set when the URL or the node's name is not valid or the server was built without Redis.
std::unique_ptr<ClusterLink> makeClusterLink(const ServerConfig &config, WorkerPool &readers,
    const Hub &hub, PresenceAnnouncer announce, SharedBudgets budgets, QString *error);

} // namespace Confab::Server
