#include "seeder.h"

#include <protocol/chunkframe.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

Seeder::Seeder(const QUrl &url)
{
    QObject::connect(&m_socket, &QWebSocket::textMessageReceived, [this](const QString &t) {
        const QJsonObject frame = QJsonDocument::fromJson(t.toUtf8()).object();
        if (frame.value("id"_L1).toString() == m_waiting) {
            m_reply = frame;
            m_loop.quit();
        }
    });
    QObject::connect(&m_socket, &QWebSocket::connected, &m_loop, &QEventLoop::quit);
    m_socket.open(url);
    QTimer::singleShot(10000, &m_loop, &QEventLoop::quit);
    m_loop.exec();
}

QJsonObject Seeder::waitForReply()
{
    m_reply = {};
    QTimer::singleShot(10000, &m_loop, &QEventLoop::quit);
    m_loop.exec();
    if (m_reply.value("type"_L1).toString() == "error"_L1)
        qWarning("request %s failed: %s", qPrintable(m_waiting),
            qPrintable(m_reply.value("code"_L1).toString()));
    return m_reply;
}

QJsonObject Seeder::request(const QString &type, QJsonObject fields)
{
    m_waiting = u"s"_s + QString::number(++m_next);
    fields.insert("type"_L1, type);
    fields.insert("id"_L1, m_waiting);
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact)));
    return waitForReply();
}

QJsonObject Seeder::signUp(const QString &username, const QString &displayName)
{
    QJsonObject auth = request(u"register"_s,
        { { "username"_L1, username }, { "password"_L1, u"correct horse"_s },
            { "displayName"_L1, displayName } });
    m_userId = auth.value("userId"_L1).toString();
    return auth;
}

qint64 Seeder::say(const QString &roomId, const QString &text, qint64 replyTo)
{
    QJsonObject fields { { "roomId"_L1, roomId }, { "text"_L1, text },
        { "clientMsgId"_L1, QString(u"seed-"_s + m_userId + QString::number(++m_next)) } };
    if (replyTo > 0)
        fields.insert("replyTo"_L1, replyTo);
    return request(u"send"_s, fields).value("seq"_L1).toInteger();
}

qint64 Seeder::sendFile(const QString &roomId, const QByteArray &data, const QString &name,
    const QString &mime, const QString &kind, qint64 durationMs)
{
    QJsonObject begin { { "name"_L1, name }, { "mime"_L1, mime },
        { "size"_L1, qint64(data.size()) }, { "kind"_L1, kind },
        { "sha256"_L1,
            QString::fromLatin1(
                QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()) } };
    if (kind == "voice"_L1)
        begin.insert("durationMs"_L1, durationMs);
    QJsonObject reply = request(u"uploadBegin"_s, begin);
    if (reply.value("type"_L1).toString() == "uploadReady"_L1) {
        // Small files: every chunk fits in the window of eight unanswered ones.
        const QString uploadId = reply.value("uploadId"_L1).toString();
        const qint64 chunk = reply.value("chunkSize"_L1).toInteger();
        for (qint64 offset = reply.value("offset"_L1).toInteger(); offset < data.size();
             offset += chunk)
            m_socket.sendBinaryMessage(
                Confab::ChunkFrame::encode(uploadId, offset, data.mid(offset, chunk)));
        reply = waitForReply(); // `uploaded` echoes the uploadBegin's id
    }
    const QString attachmentId
        = reply.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
    return request(u"send"_s,
        { { "roomId"_L1, roomId }, { "attachmentId"_L1, attachmentId },
            { "clientMsgId"_L1, QString(u"seed-"_s + m_userId + QString::number(++m_next)) } })
        .value("seq"_L1)
        .toInteger();
}

void Seeder::read(const QString &roomId, qint64 seq)
{
    request(u"markRead"_s, { { "roomId"_L1, roomId }, { "seq"_L1, seq } });
}
