#include "sendprobe.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

SendProbe::SendProbe(const QUrl &url, const QString &token, const QString &roomId)
    : m_url(url)
    , m_token(token)
    , m_roomId(roomId)
{
}

SendProbe::~SendProbe()
{
    stop();
}

void SendProbe::start()
{
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->start();
}

void SendProbe::stop()
{
    m_stopping = true;
    if (m_thread)
        m_thread->wait();
    m_thread.reset();
}

void SendProbe::run()
{
    QWebSocket socket;
    QEventLoop loop;
    QJsonObject reply;
    QString awaitedId;
    QObject::connect(&socket, &QWebSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&](const QString &text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        if (frame.value("id"_L1).toString() == awaitedId) {
            reply = frame;
            loop.quit();
        }
    });
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    auto request = [&](QJsonObject frame, const QString &id) {
        reply = {};
        awaitedId = id;
        frame.insert("id"_L1, id);
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        guard.start(10000);
        loop.exec();
        return reply;
    };

    socket.open(m_url);
    guard.start(5000);
    loop.exec();
    if (socket.state() != QAbstractSocket::ConnectedState
        || request({ { "type"_L1, "resume"_L1 }, { "token"_L1, m_token } }, u"auth"_s)
                .value("type"_L1)
            != "auth"_L1) {
        ++m_failed;
        return;
    }
    for (int n = 0; !m_stopping; ++n) {
        QElapsedTimer sinceSend;
        sinceSend.start();
        const QString id = u"probe-%1"_s.arg(n);
        const QJsonObject sent = request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, m_roomId },
                                             { "clientMsgId"_L1, id }, { "text"_L1, u"probe"_s } },
            id);
        if (sent.value("type"_L1).toString() != "sent"_L1) {
            ++m_failed;
            return;
        }
        m_slowestMs = qMax(m_slowestMs.load(), sinceSend.elapsed());
        ++m_sent;
    }
}
