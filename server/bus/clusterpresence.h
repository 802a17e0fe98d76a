#pragma once

#include <QByteArray>
#include <QObject>
#include <QReadWriteLock>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>

namespace Confab::Server {

class RedisConnection;

// Who is online across the nodes, kept in Redis: each node (each run of it: its origin)
// renews a key that expires 10 s after its last heartbeat and lists the users it has
// sessions of; a user is online while a live node lists them. Scripts decide atomically
// whether a user's arrival or departure changes that, so exactly one node announces it, and
// a live node reaps the lists of nodes whose key expired (a node that died or restarted),
// announcing those of its users who have no session elsewhere as gone, within 12 s. Every
// node keeps the set of users online anywhere, from a snapshot and the transitions published
// on one channel, for the `online` of the members it shows.
// Lives on the bus's thread; isOnline() may be called from any thread.
class ClusterPresence : public QObject {
    Q_OBJECT
public:
    // A user came online (first session anywhere) or went offline (last one gone): this node
    // is the one to announce it. Called on the bus's thread.
    using Changed = std::function<void(const QString &userId, bool online)>;

    static constexpr QByteArrayView kChannel = "confab:presence";

    ClusterPresence(QByteArray origin, Changed changed, QObject *parent = nullptr);

    // Starts the heartbeat and the reaping, through `commands` (command mode).
    void start(RedisConnection *commands);
    void stop();
    // A user's first session here opened, or the last one closed.
    void arrived(const QString &userId);
    void left(const QString &userId);
    // The commands connection is (back) up: this node and its users are listed again (Redis
    // may have restarted empty).
    void relist(const QSet<QString> &localUsers);
    // The subscription to kChannel is (back) up: the set is read whole again.
    void readSnapshot();
    // A transition another node published on kChannel (without its origin line).
    void received(QByteArrayView body);

    bool isOnline(const QString &userId) const;

private:
    void heartbeat();
    void reap();
    void setOnline(const QString &userId, bool online);

    const QByteArray m_origin;
    const Changed m_changed;
    RedisConnection *m_commands = nullptr;
    QTimer *m_heartbeat = nullptr;
    bool m_stopped = false;
    mutable QReadWriteLock m_lock;
    QSet<QString> m_online; // users online on any node, bounded by the cluster's sessions
};

} // namespace Confab::Server
