#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Confab {

class RequestPacer;

// The user's read and delivery markers on their way to the server. A marker is kept until the
// server has confirmed it (or the user has left the room), so a read while offline, or one
// whose request was refused or cut off, is sent again once the client is online; of several
// for one room only the highest goes. Deliveries are gathered for a short while first.
class MarkerSync : public QObject {
    Q_OBJECT
public:
    explicit MarkerSync(RequestPacer *pacer, QObject *parent = nullptr);

    void markRead(const QString &roomId, qint64 seq);
    void markDelivered(const QString &roomId, qint64 seq);
    // Sends what waits while online; holds it while not.
    void setOnline(bool online);
    void clear();
    void forget(const QString &roomId); // the user is no longer in the room
    qint64 pendingRead(const QString &roomId) const { return m_read.value(roomId).wanted; }

Q_SIGNALS:
    void unreadChanged(const QString &roomId, qint64 unread);

private:
    struct Marker {
        qint64 wanted = 0; // the highest the user reached
        qint64 sending = 0; // in a request now (0: none)
    };
    enum class Kind { Read, Delivered };

    void flush(Kind kind);
    void send(Kind kind, const QString &roomId);

    RequestPacer *m_pacer;
    bool m_online = false;
    QHash<QString, Marker> m_read;
    QHash<QString, Marker> m_delivered;
    QTimer m_deliveredBatch;
};

} // namespace Confab
