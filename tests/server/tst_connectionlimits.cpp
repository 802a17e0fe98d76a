#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

// The default per-address cap, as a server run without configuration has it.
constexpr int kDefaultCap = 64;

// Opens a TCP connection and waits until the server ends it; the time it took, or -1 when it
// was still open after `waitMs`.
qint64 msUntilServerCloses(QTcpSocket &socket, int waitMs)
{
    QElapsedTimer open;
    open.start();
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    if (!closed.wait(waitMs) && closed.isEmpty())
        return -1;
    return open.elapsed();
}

// A connection as soon as the server has room for one: a closed connection gives its place
// back a moment after the client sees it close. A fresh client per attempt, since a
// QWebSocket refused once does not open again.
std::unique_ptr<TestClient> openWhenRoom(const QUrl &url, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        auto client = std::make_unique<TestClient>();
        if (client->open(url, 1000))
            return client;
        QTest::qWait(50);
    }
    return nullptr;
}

bool connectTcp(QTcpSocket &socket, const QUrl &url)
{
    socket.connectToHost(url.host(), quint16(url.port()));
    return socket.waitForConnected(5000);
}

} // namespace

// The per-address connection cap counts open connections only, and the sign-in deadline
// starts at accept, covering the WebSocket handshake. Run with the default configuration:
// nothing is lifted.
class tst_ConnectionLimits : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void sequentialConnectionsAreAllAccepted();
    void concurrentConnectionsClosedGiveTheirPlacesBack();
    void capRefusesOnlyWhatIsOpenAtOnce();
    void silentSocketIsDroppedAtTheDefaultDeadline();
    void handshakeDeadline_data();
    void handshakeDeadline();

private:
    ServerProcess m_server;
};

void tst_ConnectionLimits::sequentialConnectionsAreAllAccepted()
{
    for (int i = 0; i < 500; ++i) {
        TestClient client;
        QVERIFY2(client.open(m_server.url()), qPrintable(u"connection %1"_s.arg(i + 1)));
        QVERIFY2(answersPing(client), qPrintable(u"connection %1"_s.arg(i + 1)));
        client.close();
        QVERIFY(client.waitForClosed());
    }
}

void tst_ConnectionLimits::concurrentConnectionsClosedGiveTheirPlacesBack()
{
    // 200 connections in waves of 50 open at once, each wave closed before the next.
    for (int wave = 0; wave < 4; ++wave) {
        std::vector<std::unique_ptr<TestClient>> clients;
        for (int i = 0; i < 50; ++i) {
            clients.push_back(std::make_unique<TestClient>());
            clients.back()->socket().open(m_server.url());
        }
        // Each one opens, or is refused because the last wave's places are not all back yet
        // (they come back a moment after the client sees its close); then it tries again.
        auto settled = [&clients] {
            return std::all_of(clients.begin(), clients.end(), [](const auto &client) {
                return client->isOpen()
                    || client->socket().state() == QAbstractSocket::UnconnectedState;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 10000);
        for (auto &client : clients) {
            if (!client->isOpen())
                client = openWhenRoom(m_server.url());
            QVERIFY(client);
        }
        for (auto &client : clients)
            QVERIFY(answersPing(*client));
        for (auto &client : clients)
            client->close();
        for (auto &client : clients)
            QVERIFY(client->waitForClosed());
    }
}

void tst_ConnectionLimits::capRefusesOnlyWhatIsOpenAtOnce()
{
    std::vector<std::unique_ptr<TestClient>> open;
    for (int i = 0; i < kDefaultCap; ++i) {
        open.push_back(std::make_unique<TestClient>());
        QVERIFY2(open.back()->open(m_server.url()), qPrintable(u"connection %1"_s.arg(i + 1)));
    }
    for (auto &client : open)
        QVERIFY(answersPing(*client));

    TestClient refused;
    QSignalSpy refusedClosed(&refused.socket(), &QWebSocket::disconnected);
    QVERIFY(!refused.open(m_server.url(), 2000));
    QTRY_VERIFY(!refusedClosed.isEmpty());

    // The open ones are unharmed, and a closed one makes room for exactly one more.
    QVERIFY(answersPing(*open.front()));
    open.front()->close();
    QVERIFY(open.front()->waitForClosed());
    const std::unique_ptr<TestClient> next = openWhenRoom(m_server.url());
    QVERIFY(next);
    QVERIFY(answersPing(*next));
    TestClient overCap;
    QVERIFY(!overCap.open(m_server.url(), 2000));
}

void tst_ConnectionLimits::silentSocketIsDroppedAtTheDefaultDeadline()
{
    QTcpSocket silent;
    QVERIFY(connectTcp(silent, m_server.url()));
    const qint64 ms = msUntilServerCloses(silent, 15000);
    QVERIFY2(ms >= 9000 && ms <= 15000, qPrintable(QString::number(ms)));
}

void tst_ConnectionLimits::handshakeDeadline_data()
{
    QTest::addColumn<QByteArrayList>("chunks"); // sent one every 100 ms, over and over
    QTest::addRow("sends nothing") << QByteArrayList();
    QTest::addRow("half a handshake")
        << QByteArrayList { "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n" };
    QTest::addRow("a header byte at a time (slow loris)") << QByteArrayList { "X" };
    QTest::addRow("not HTTP") << QByteArrayList { QByteArray(16, '\0') };
}

void tst_ConnectionLimits::handshakeDeadline()
{
    QFETCH(QByteArrayList, chunks);
    ServerProcess server;
    QVERIFY(server.startWithConfig("[limits]\nauth_timeout_ms=800\nmax_connections_per_ip=3\n"));

    // Three such sockets fill the cap; each is dropped at the deadline and gives its place back.
    std::vector<std::unique_ptr<QTcpSocket>> hostile;
    QElapsedTimer sinceOpen;
    sinceOpen.start();
    for (int i = 0; i < 3; ++i) {
        hostile.push_back(std::make_unique<QTcpSocket>());
        QVERIFY(connectTcp(*hostile.back(), server.url()));
    }
    QTimer drip;
    qsizetype next = 0;
    QObject::connect(&drip, &QTimer::timeout, &drip, [&] {
        if (chunks.isEmpty())
            return;
        for (auto &socket : hostile) {
            if (socket->state() == QAbstractSocket::ConnectedState)
                socket->write(chunks.at(next % chunks.size()));
        }
        ++next;
    });
    drip.start(100);
    for (auto &socket : hostile)
        QTRY_VERIFY_WITH_TIMEOUT(socket->state() == QAbstractSocket::UnconnectedState, 5000);
    QVERIFY2(sinceOpen.elapsed() >= 700, qPrintable(QString::number(sinceOpen.elapsed())));
    QVERIFY2(sinceOpen.elapsed() <= 3000, qPrintable(QString::number(sinceOpen.elapsed())));

    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(openWhenRoom(server.url()));
        QVERIFY(clients.back());
        QCOMPARE(outcome(clients.back()->registerUser(u"deadline_%1"_s.arg(i))), u"auth"_s);
    }
    // Signed in in time, they stay past the deadline.
    QTest::qWait(1000);
    for (auto &client : clients)
        QVERIFY(answersPing(*client));
    QVERIFY(server.stop());
}

QTEST_MAIN(tst_ConnectionLimits)
#include "tst_connectionlimits.moc"
