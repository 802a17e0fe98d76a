#pragma once

#include "net/backoff.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <functional>

namespace Confab {

// One WebSocket to the server: request/reply matched by id, pushes passed on, a keep-alive
// ping, and (when enabled) reconnection with exponential backoff and jitter. Knows nothing
// about sessions or rooms.
class Connection : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, WaitingToReconnect };
    Q_ENUM(State)
    // Receives the reply frame: the request's reply type, or an `error` frame. When the
    // connection drops first, an `error` frame with code "offline" is synthesised; when the
    // server does not answer within the request timeout, one with code "timeout", and the
    // connection is dropped (a server that stops answering is not waited for).
    using Callback = std::function<void(const QJsonObject &reply)>;

    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    void setUrl(const QUrl &url) { m_url = url; }
    QUrl url() const { return m_url; }
    void setAutoReconnect(bool enabled) { m_autoReconnect = enabled; }
    bool autoReconnect() const { return m_autoReconnect; }
    void setBackoffRange(int initialMs, int maximumMs) { m_backoff.setRange(initialMs, maximumMs); }
    // Reconnects start again from the shortest delay: for the session layer to call once the
    // server has accepted it (an open socket alone proves little).
    void resetBackoff() { m_backoff.reset(); }
    void setKeepAliveInterval(int ms) { m_keepAlive.setInterval(ms); }
    // How long a request may wait for its reply (for a request answered by several frames:
    // for its next frame).
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    int nextReconnectDelayMs() const { return m_lastDelayMs; }

    void open();
    void close(); // stops reconnecting too
    // Drops the socket as if the network had failed (reconnects when enabled).
    void abort();

    // Sends `{"type": type, "id": ..., ...fields}`; `callback` runs once, unless `context`
    // is destroyed first. Returns the request id.
    QString request(const QString &type, QJsonObject fields, QObject *context, Callback callback);
    // Like request(), for requests answered by several frames (uploads, downloads):
    // `callback` gets every frame echoing the id until closeRequest(id), or the "offline"
    // error once if the connection drops first.
    QString openRequest(
        const QString &type, QJsonObject fields, QObject *context, Callback callback);
    void closeRequest(const QString &id) { m_pending.remove(id); }
    void send(const QString &type, QJsonObject fields = {});
    void sendBinary(const QByteArray &frame);

Q_SIGNALS:
    void stateChanged(Connection::State state);
    void connected();
    void disconnected(int closeCode);
    void pushReceived(const QJsonObject &frame);
    void binaryReceived(const QByteArray &frame);
    void reconnectScheduled(int delayMs);

private:
    struct Pending {
        QPointer<QObject> context;
        Callback callback;
        bool open = false; // answered by several frames
        qint64 deadline = 0; // msecs since the epoch of the monotonic clock
    };

    QString startRequest(const QString &type, QJsonObject fields, Pending pending);

    void setState(State state);
    void onTextMessage(const QString &text);
    void onDisconnected();
    void failPending();
    void expireRequests();
    void extendOpenRequests();
    void sendKeepAlive();

    QWebSocket *m_socket = nullptr;
    QUrl m_url;
    State m_state = State::Disconnected;
    bool m_autoReconnect = false;
    Backoff m_backoff;
    int m_lastDelayMs = 0;
    QTimer m_reconnectTimer;
    QTimer m_connectTimeout;
    QTimer m_keepAlive;
    QTimer m_requestDeadlines;
    int m_requestTimeoutMs;
    bool m_awaitingPong = false;
    quint64 m_nextId = 1;
    QHash<QString, Pending> m_pending;
};

} // namespace Confab
