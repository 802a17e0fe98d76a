#include "net/epolldispatcher.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

using namespace Confab::Server;

// The I/O threads' event loop: timers, sockets, posted work and quitting behave as with Qt's
// own dispatcher. Each test runs its objects in a thread driven by an EpollDispatcher while
// the test thread (Qt's dispatcher) plays the other side.
class tst_EpollDispatcher : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void repeatingAndSingleShotTimers();
    void aTimerStoppedByAnEarlierOneNeverFires();
    void aSocketEchoesAndSeesTheHangUp();
    void aLargeWriteWaitsForTheReader();
    void workPostedFromOtherThreadsAllRuns();

private:
    // Runs `work` in the dispatcher's thread and waits for it.
    void inThread(const std::function<void()> &work);

    std::unique_ptr<QThread> m_thread;
    QObject *m_context = nullptr; // lives in m_thread
};

void tst_EpollDispatcher::init()
{
    m_thread = std::make_unique<QThread>();
    m_thread->setEventDispatcher(new EpollDispatcher);
    m_context = new QObject;
    m_context->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
}

void tst_EpollDispatcher::cleanup()
{
    m_thread->quit();
    QVERIFY(m_thread->wait(5000)); // quit() from another thread interrupts the wait
    m_thread.reset();
}

void tst_EpollDispatcher::inThread(const std::function<void()> &work)
{
    QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
}

void tst_EpollDispatcher::repeatingAndSingleShotTimers()
{
    constexpr int kTicks = 11;
    std::atomic<int> ticks { 0 };
    std::atomic<qint64> tenTicksMs { -1 };
    std::atomic<int> shots { 0 };
    std::atomic<qint64> shotAfterMs { -1 };
    int remaining = -1;
    inThread([&] {
        auto started = std::make_shared<QElapsedTimer>();
        started->start();
        auto *repeating = new QTimer(m_context);
        auto firstTick = std::make_shared<qint64>(0);
        connect(repeating, &QTimer::timeout, m_context, [&, started, firstTick, repeating] {
            if (++ticks == 1)
                *firstTick = started->elapsed();
            if (ticks == kTicks) {
                tenTicksMs = started->elapsed() - *firstTick;
                repeating->stop();
            }
        });
        repeating->start(20);
        QTimer::singleShot(80, m_context, [&, started] {
            ++shots;
            shotAfterMs = started->elapsed();
        });
        remaining = repeating->remainingTime();
    });
    QVERIFY2(remaining >= 0 && remaining <= 20, qPrintable(QString::number(remaining)));
    QTRY_COMPARE(shots.load(), 1);
    QTRY_COMPARE(ticks.load(), kTicks);
    QTest::qWait(100);
    QCOMPARE(shots.load(), 1);
    QCOMPARE(ticks.load(), kTicks); // stopped from its own handler
    QVERIFY2(shotAfterMs >= 79, qPrintable(QString::number(shotAfterMs)));
    // A late tick does not push the later ones back: ten intervals take about 200 ms.
    QVERIFY2(tenTicksMs >= 190 && tenTicksMs <= 300, qPrintable(QString::number(tenTicksMs)));
}

void tst_EpollDispatcher::aTimerStoppedByAnEarlierOneNeverFires()
{
    std::atomic<int> first { 0 };
    std::atomic<int> second { 0 };
    inThread([&] {
        auto *a = new QTimer(m_context);
        auto *b = new QTimer(m_context);
        QPointer<QTimer> victim = b;
        connect(a, &QTimer::timeout, m_context, [&, victim] {
            ++first;
            delete victim.data(); // due at the same moment, it must not fire after this
        });
        connect(b, &QTimer::timeout, m_context, [&] { ++second; });
        a->setSingleShot(true);
        a->start(30);
        b->start(30);
        QThread::msleep(40); // both are overdue when the loop next looks
    });
    QTRY_COMPARE(first.load(), 1);
    QTest::qWait(100);
    // Whichever came first, the deleted one ran at most once; a timer event sent to it after
    // its deletion would reach freed memory, which the sanitizer build reports.
    QVERIFY(second.load() <= 1);
}

void tst_EpollDispatcher::aSocketEchoesAndSeesTheHangUp()
{
    quint16 port = 0;
    std::atomic<bool> hungUp { false };
    inThread([&] {
        auto *server = new QTcpServer(m_context);
        if (server->listen(QHostAddress::LocalHost))
            port = server->serverPort();
        connect(server, &QTcpServer::newConnection, m_context, [&, server] {
            QTcpSocket *peer = server->nextPendingConnection();
            connect(peer, &QTcpSocket::readyRead, peer, [peer] { peer->write(peer->readAll()); });
            connect(peer, &QTcpSocket::disconnected, m_context, [&] { hungUp = true; });
        });
    });
    QVERIFY(port != 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(5000));
    QByteArray echoed;
    for (int round = 0; round < 50; ++round) {
        const QByteArray line = "round " + QByteArray::number(round) + '\n';
        client.write(line);
        QTRY_VERIFY(client.bytesAvailable() >= line.size());
        echoed = client.read(line.size());
        QCOMPARE(echoed, line);
    }
    client.disconnectFromHost();
    QTRY_VERIFY(hungUp.load());
}

void tst_EpollDispatcher::aLargeWriteWaitsForTheReader()
{
    constexpr int kBytes = 8 * 1024 * 1024; // far more than the kernel buffers hold
    quint16 port = 0;
    inThread([&] {
        auto *server = new QTcpServer(m_context);
        if (server->listen(QHostAddress::LocalHost))
            port = server->serverPort();
        connect(server, &QTcpServer::newConnection, m_context, [server] {
            QTcpSocket *peer = server->nextPendingConnection();
            QByteArray data(kBytes, '\0');
            for (int i = 0; i < kBytes; ++i)
                data[i] = char(i * 7);
            peer->write(data); // the rest goes out as the write notifier fires
        });
    });
    QVERIFY(port != 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(5000));
    QByteArray received;
    QTest::qWait(200); // let the writer fill the buffers and wait on its notifier
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += client.readAll();
            return received.size() >= kBytes;
        },
        20000));
    QCOMPARE(received.size(), kBytes);
    for (int i = 0; i < kBytes; i += 4093)
        QCOMPARE(received[i], char(i * 7));
}

void tst_EpollDispatcher::workPostedFromOtherThreadsAllRuns()
{
    constexpr int kPerThread = 20000;
    std::atomic<int> ran { 0 };
    std::atomic<int> wrongThread { 0 };
    QThread *target = m_thread.get();
    auto post = [&] {
        for (int i = 0; i < kPerThread; ++i) {
            QMetaObject::invokeMethod(m_context, [&, target] {
                if (QThread::currentThread() != target)
                    ++wrongThread;
                ++ran;
            });
        }
    };
    std::unique_ptr<QThread> other(QThread::create(post));
    other->start();
    post();
    QVERIFY(other->wait(10000));
    QTRY_COMPARE(ran.load(), 2 * kPerThread);
    QCOMPARE(wrongThread.load(), 0);
}

QTEST_MAIN(tst_EpollDispatcher)
#include "tst_epolldispatcher.moc"
