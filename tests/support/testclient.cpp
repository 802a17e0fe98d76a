#include "testclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

TestClient::TestClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
        [this](const QByteArray &frame) { m_binaryFrames.append(frame); });
    connect(&m_socket, &QWebSocket::disconnected, this,
        [this] { m_closeCode = m_socket.closeCode(); });
}

bool TestClient::open(const QUrl &url, int timeoutMs)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(url);
    return connected.wait(timeoutMs) || connected.size() > 0;
}

void TestClient::sendJson(const QJsonObject &frame)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void TestClient::sendText(const QString &text) { m_socket.sendTextMessage(text); }

QJsonObject TestClient::request(QJsonObject frame, int timeoutMs)
{
    const QString id = u"t"_s + QString::number(m_nextId++);
    frame.insert("id"_L1, id);
    sendJson(frame);
    return waitFor([&id](const QJsonObject &f) { return f.value("id"_L1).toString() == id; },
        timeoutMs);
}

QJsonObject TestClient::waitFor(const std::function<bool(const QJsonObject &)> &match,
    int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            if (match(m_frames.at(i)))
                return m_frames.takeAt(i);
        }
        if (deadline.hasExpired())
            return {};
        QTest::qWait(5);
    }
}

QJsonObject TestClient::waitForType(const QString &type, int timeoutMs)
{
    return waitFor([&type](const QJsonObject &f) { return f.value("type"_L1).toString() == type; },
        timeoutMs);
}

bool TestClient::staysQuiet(const QString &type, int ms)
{
    QTest::qWait(ms);
    for (const QJsonObject &frame : std::as_const(m_frames)) {
        if (frame.value("type"_L1).toString() == type)
            return false;
    }
    return true;
}

bool TestClient::waitForClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(5);
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

QJsonObject TestClient::registerUser(const QString &username, const QString &password)
{
    return signIn(u"register"_s, username, password);
}

QJsonObject TestClient::login(const QString &username, const QString &password)
{
    return signIn(u"login"_s, username, password);
}

QJsonObject TestClient::signIn(
    const QString &type, const QString &username, const QString &password)
{
    QJsonObject reply = request(
        { { "type"_L1, type }, { "username"_L1, username }, { "password"_L1, password } }, 15000);
    m_userId = reply.value("userId"_L1).toString();
    m_token = reply.value("token"_L1).toString();
    return reply;
}
