#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>

// A plain protocol client over a real QWebSocket, for integration tests. Every frame
// received is queued; waits spin the event loop until a matching frame arrives.
class TestClient : public QObject {
    Q_OBJECT
public:
    explicit TestClient(QObject *parent = nullptr);

    bool open(const QUrl &url, int timeoutMs = 5000);
    void close() { m_socket.close(); }
    QWebSocket &socket() { return m_socket; }

    void sendJson(const QJsonObject &frame);
    void sendText(const QString &text);
    // Sends `frame` with a fresh request id and waits for the frame echoing that id.
    QJsonObject request(QJsonObject frame, int timeoutMs = 5000);
    // Waits for the first queued frame that matches and removes it from the queue.
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &match,
        int timeoutMs = 5000);
    QJsonObject waitForType(const QString &type, int timeoutMs = 5000);
    // True when no frame of that type arrives within `ms` (consumes nothing).
    bool staysQuiet(const QString &type, int ms = 300);
    bool waitForClosed(int timeoutMs = 5000);
    int closeCode() const { return m_closeCode; }
    bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QList<QJsonObject> &frames() { return m_frames; }
    QList<QByteArray> &binaryFrames() { return m_binaryFrames; }

    // Conveniences: register or log in, and return the `auth` reply (or the error).
    QJsonObject registerUser(const QString &username, const QString &password = QStringLiteral("correct horse"));
    QJsonObject login(const QString &username, const QString &password = QStringLiteral("correct horse"));
    QString userId() const { return m_userId; }
    QString token() const { return m_token; }

private:
    // Sends a `register` or `login` request and keeps the user id and token of the reply.
    QJsonObject signIn(const QString &type, const QString &username, const QString &password);

    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    QList<QByteArray> m_binaryFrames;
    int m_nextId = 1;
    int m_closeCode = -1;
    QString m_userId;
    QString m_token;
};
