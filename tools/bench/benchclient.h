#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

// One simulated user: signs up, then sends `messages` messages with up to `window`
// unacknowledged, and records latencies (send to `sent`, send to another member's `event`).
class BenchClient : public QObject {
    Q_OBJECT
public:
    BenchClient(const QElapsedTimer &clock, const QString &username, QObject *parent = nullptr);

    void open(const QUrl &url);
    void createGroup(const QStringList &memberIds);
    void startSending(const QString &roomId, int messages, int window);

    QString userId() const { return m_userId; }
    const QList<qint64> &ackLatenciesUs() const { return m_ackUs; }
    const QList<qint64> &deliveryLatenciesUs() const { return m_deliveryUs; }
    int errors() const { return m_errors; }

signals:
    void registered();
    void roomReady(const QString &roomId);
    void finishedSending();

private:
    void handleFrame(const QString &text);
    void sendNext();
    void sendJson(const QJsonObject &frame);

    const QElapsedTimer &m_clock;
    QString m_username;
    QWebSocket m_socket;
    QString m_userId;
    QString m_roomId;
    int m_toSend = 0;
    int m_sent = 0;
    int m_acked = 0;
    int m_window = 1;
    int m_errors = 0;
    QHash<QString, qint64> m_sentAtUs;
    QList<qint64> m_ackUs;
    QList<qint64> m_deliveryUs;
};
