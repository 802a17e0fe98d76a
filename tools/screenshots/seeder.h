#pragma once

#include <QEventLoop>
#include <QJsonObject>
#include <QWebSocket>

// One person of the screenshot scene: a plain protocol client that waits for each reply
// (a tool, so nested event loops are fine here).
class Seeder {
public:
    explicit Seeder(const QUrl &url);

    QJsonObject request(const QString &type, QJsonObject fields = {});
    QJsonObject signUp(const QString &username, const QString &displayName);
    qint64 say(const QString &roomId, const QString &text, qint64 replyTo = 0);
    // Uploads `data` and posts it; returns the message's seq.
    qint64 sendFile(const QString &roomId, const QByteArray &data, const QString &name,
        const QString &mime, const QString &kind, qint64 durationMs = 0);
    void read(const QString &roomId, qint64 seq);

    QString userId() const { return m_userId; }
    QWebSocket &socket() { return m_socket; }

private:
    QJsonObject waitForReply();

    QWebSocket m_socket;
    QEventLoop m_loop;
    QJsonObject m_reply;
    QString m_waiting;
    QString m_userId;
    int m_next = 0;
};
