#pragma once

#include "bus/roomnews.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace Confab::Server {

// What the hub tells the other nodes that share its database (through the bus), when there
// are any. Safe to call from any thread.
class ClusterLink {
public:
    using FrameFor = std::function<QByteArray(const QString &userId)>;

    virtual ~ClusterLink() = default;

    // An event this node committed. The link hands it to this node's sessions itself, in the
    // room's order with the events of the other nodes, and runs its `then` after it.
    virtual void publish(RoomNews news) = 0;
    // A frame (UTF-8 JSON) for the sessions of these users on the other nodes.
    virtual void publishToUsers(const QStringList &userIds, const QByteArray &json) = 0;
    // A frame made for each user (thread-safe), likewise.
    virtual void publishEach(const QStringList &userIds, FrameFor frameFor) = 0;
    // The user's first session on this node opened, or its last one closed.
    virtual void userArrived(const QString &userId) = 0;
    virtual void userLeft(const QString &userId) = 0;
    // Whether the user has a session on any node (thread-safe).
    virtual bool isOnline(const QString &userId) const = 0;
    // Stops listening and reading, waiting for that: before the pools it reads through stop.
    virtual void stop() = 0;
};

} // namespace Confab::Server
