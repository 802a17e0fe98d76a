#include "bystander.h"
#include "hostileframes.h"
#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <memory>
#include <numeric>
#include <vector>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {

// 30 WebSockets, at most 8 raw sockets and the 2 bystanders: well under the default cap of 64.
constexpr int kHostileSockets = 30;
constexpr int kRawSockets = 8;
constexpr int kFramesPerSecond = 1000;
const QStringList kErrorCodes = u"bad_request unknown_type unauthenticated auth_failed "
                                "invalid_token username_taken invalid_username weak_password "
                                "registration_closed not_found not_member forbidden blocked "
                                "too_large rate_limited checksum_mismatch internal"_s.split(u' ');
const QList<int> kCloseCodes { 1000, 1001, 1009, 4401, 4403, 4408 };

quint32 envNumber(const char *name, quint32 fallback)
{
    bool ok = false;
    const quint32 value = qEnvironmentVariable(name).toUInt(&ok);
    return ok ? value : fallback;
}

qint64 rssKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

struct Tally {
    QMap<QString, int> sent; // frames, connections and raw sockets, by kind
    QMap<QString, int> errors; // error frames, by code
    QMap<QString, int> closes; // how hostile WebSockets ended
    QMap<QString, int> rawEnds; // how raw sockets ended, with what the server sent last
    QStringList problems; // what must not happen, with what showed it
    int frames = 0;
    void problem(const QString &what) { problems.size() < 20 ? problems.append(what) : void(); }
};

// A hostile connection, kept after it ended so that late signals still find it.
struct Hostile {
    QWebSocket *ws = nullptr;
    QTcpSocket *raw = nullptr;
    HostileFrames::RawMode rawMode = HostileFrames::HalfHandshake;
    QElapsedTimer age;
    QByteArray received; // the start of what a raw socket received
    bool opened = false, ready = false, signedIn = false, closeFrame = false, aborted = false,
         closedByTest = false, ended = false, sentBadFrame = false, neverSignsIn = false;
    QStringList uploadIds;
    QStringList recent; // the last frames sent, to show with an error they caused

    void send(const QString &text)
    {
        ws->sendTextMessage(text);
        remember(text);
    }
    void send(const QByteArray &binary)
    {
        ws->sendBinaryMessage(binary);
        remember(u"binary "_s + QString::fromLatin1(binary.left(300).toHex()));
    }
    void remember(const QString &frame)
    {
        recent.append(frame.left(600));
        if (recent.size() > 64)
            recent.removeFirst();
    }
    QString cause(const QString &id) const // the frame with request id `id`, or the last ones
    {
        const QString key = u"\"id\":\""_s + id + u'"';
        const auto it = std::find_if(recent.crbegin(), recent.crend(),
            [&key](const QString &frame) { return frame.contains(key); });
        return it == recent.crend() || id.isEmpty() ? recent.mid(recent.size() - 3).join(u'\n')
                                                    : *it;
    }
};

// The hostile side: WebSockets reopened when they end, raw TCP sockets, and a timer that sends
// about kFramesPerSecond frames over the WebSockets, a few per turn of the event loop.
class Campaign {
public:
    Campaign(const QUrl &url, quint32 seed)
        : fuzz(seed)
        , m_url(url)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_context, [this] { tick(); });
        QObject::connect(&m_rawTimer, &QTimer::timeout, &m_context, [this] { rawTick(); });
    }
    void start()
    {
        m_running = true;
        m_clock.start();
        for (int slot = 0; slot < kHostileSockets; ++slot)
            open(slot);
        m_timer.start(5);
        m_rawTimer.start(100);
    }
    void stop()
    {
        m_running = false;
        m_timer.stop();
        m_rawTimer.stop();
        for (const auto &h : m_all) {
            if (h->ended)
                continue;
            h->closedByTest = true;
            h->ws ? h->ws->close() : h->raw->abort();
        }
    }
    bool allEnded() const
    {
        return std::all_of(m_all.cbegin(), m_all.cend(), [](const auto &h) { return h->ended; });
    }

    HostileFrames fuzz;
    Tally tally;

private:
    Hostile *add()
    {
        Hostile *h = m_all.emplace_back(std::make_unique<Hostile>()).get();
        h->age.start();
        return h;
    }
    void open(int slot)
    {
        Hostile *h = m_slots[slot] = add();
        h->ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, &m_context);
        // Register, resume a known token, anonymous (may sign in later), never signs in.
        const int role
            = QList<int> { 0, 0, fuzz.known.tokens.isEmpty() ? 0 : 1, 2, 2, 3 }.at(fuzz.below(6));
        h->neverSignsIn = role == 3;
        tally.sent[QStringList {
            u"ws:register"_s, u"ws:resume"_s, u"ws:anonymous"_s, u"ws:neverSignsIn"_s }[role]]
            += 1;
        QObject::connect(h->ws, &QWebSocket::connected, h->ws, [this, h, role] {
            h->opened = true;
            h->ready = role >= 2; // the others once their sign-in is answered
            if (role >= 2)
                return;
            h->send(fuzz.signIn(role == 1, ++m_serial)); // until it is answered, nothing else
        });
        QObject::connect(h->ws, &QWebSocket::textMessageReceived, h->ws,
            [this, h](const QString &text) { onFrame(*h, text); });
        QObject::connect(h->ws, &QWebSocket::aboutToClose, h->ws, [h] { h->closeFrame = true; });
        QObject::connect(h->ws, &QWebSocket::stateChanged, h->ws,
            [this, h, slot](QAbstractSocket::SocketState state) {
                if (state == QAbstractSocket::UnconnectedState) // the close code is set after this
                    QTimer::singleShot(0, &m_context, [this, h, slot] { ended(*h, slot); });
            });
        h->ws->open(m_url);
    }

    void ended(Hostile &h, int slot)
    {
        if (std::exchange(h.ended, true))
            return;
        const int code = h.closeFrame ? int(h.ws->closeCode()) : 1006;
        const QString how = h.closedByTest ? u"closed by the test"_s
            : h.aborted                    ? u"1006 (aborted by the test)"_s
            : h.opened                     ? QString::number(code)
                                           : QString(u"never opened: "_s + h.ws->errorString());
        tally.closes[how] += 1;
        if (!h.closedByTest && !h.aborted && (!h.opened || !kCloseCodes.contains(code)))
            tally.problem(u"a hostile WebSocket ended with "_s + how);
        h.ws->deleteLater();
        if (m_running)
            QTimer::singleShot(50 + fuzz.below(200), &m_context, [this, slot] {
                if (m_running)
                    open(slot);
            });
    }

    void onFrame(Hostile &h, const QString &text)
    {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = frame.value("type"_L1).toString();
        if (type.isEmpty())
            tally.problem(u"a server frame that is no protocol frame: "_s + text.left(200));
        h.ready = h.ready || frame.value("id"_L1) == "signin"_L1;
        if (type == "error"_L1) {
            const QString code = frame.value("code"_L1).toString(u"<no code>"_s);
            tally.errors[code] += 1;
            if (!kErrorCodes.contains(code) || code == "internal"_L1)
                tally.problem(
                    u"%1 answering %2"_s.arg(text, h.cause(frame.value("id"_L1).toString())));
            if (code == "rate_limited"_L1 && !frame.value("retryAfterMs"_L1).isDouble())
                tally.problem(u"rate_limited without retryAfterMs: "_s + text);
        }
        h.signedIn = h.signedIn || type == "auth"_L1;
        fuzz.learn(frame, h.uploadIds);
    }

    void tick()
    {
        static const QStringList kinds { u"valid"_s, u"mutated"_s, u"randomJson"_s,
            u"deepNesting"_s };
        const qint64 due = m_clock.elapsed() * kFramesPerSecond / 1000 - tally.frames;
        for (qint64 n = qMin<qint64>(due, 40); n > 0; --n) {
            // A quarter to the first connection: more than its budget of frames allows.
            Hostile *h = m_slots[fuzz.chance(25) ? 0 : fuzz.below(kHostileSockets)];
            if (h->ended || !h->ready || h->ws->bytesToWrite() > 256 * 1024)
                continue;
            const int roll = fuzz.below(1000);
            if (roll == 999) { // a client that vanishes
                tally.sent[u"ws:aborted"_s] += 1;
                h->aborted = true;
                h->ws->abort();
                continue;
            }
            ++tally.frames;
            if (roll >= 810) {
                tally.sent[h->signedIn ? u"binarySignedIn"_s : u"binaryAnonymous"_s] += 1;
                h->send(fuzz.binaryFrame(h->uploadIds));
                continue;
            }
            const int kind = roll < 80 ? 0 : roll < 580 ? 1 : roll < 730 ? 2 : 3;
            tally.sent[kinds[kind]] += 1;
            const QString text = kind == 0
                ? HostileFrames::compact(fuzz.validRequest(++m_serial, !h->neverSignsIn))
                : kind == 1 ? fuzz.mutated(fuzz.validRequest(++m_serial, !h->neverSignsIn))
                : kind == 2 ? fuzz.randomJson()
                            : fuzz.deepNesting();
            h->send(text);
        }
    }

    void rawTick()
    {
        int open = 0;
        for (const auto &h : m_all) {
            if (!h->raw || h->ended)
                continue;
            ++open;
            if (h->age.elapsed() > 13000) { // the sign-in deadline is 10 s after accept
                tally.problem(HostileFrames::rawModeName(h->rawMode) + u" still open after 13 s"_s);
                h->aborted = true;
                h->raw->abort();
            } else if (h->rawMode == HostileFrames::SlowLoris && h->raw->isWritable()) {
                h->raw->write("X");
            }
        }
        if (open >= kRawSockets)
            return;
        Hostile *h = add();
        h->raw = new QTcpSocket(&m_context);
        h->rawMode = HostileFrames::RawMode(fuzz.below(HostileFrames::RawModeCount));
        tally.sent[HostileFrames::rawModeName(h->rawMode)] += 1;
        QObject::connect(h->raw, &QTcpSocket::connected, h->raw,
            [this, h] { h->raw->write(fuzz.rawOpening(h->rawMode)); });
        QObject::connect(h->raw, &QTcpSocket::readyRead, h->raw, [this, h] {
            h->received += h->raw->readAll().left(4096 - h->received.size());
            if (h->rawMode == HostileFrames::BadFrame && h->received.contains("\r\n\r\n")
                && !std::exchange(h->sentBadFrame, true))
                h->raw->write(fuzz.badFrame());
        });
        QObject::connect(h->raw, &QTcpSocket::stateChanged, h->raw,
            [this, h](QAbstractSocket::SocketState state) {
                if (state != QAbstractSocket::UnconnectedState || std::exchange(h->ended, true))
                    return;
                h->raw->deleteLater();
                tally.rawEnds[h->aborted || h->closedByTest
                        ? u"aborted by the test"_s
                        : HostileFrames::describeReply(h->rawMode, h->received)]
                    += 1;
            });
        h->raw->connectToHost(m_url.host(), quint16(m_url.port()));
    }

    QUrl m_url;
    QTimer m_timer, m_rawTimer;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Hostile>> m_all;
    Hostile *m_slots[kHostileSockets] = {};
    bool m_running = false;
    int m_serial = 0;
    QObject m_context; // last: the sockets and timers it owns go first
};

} // namespace

// The acceptance check of the hardening: a hostile client gets only documented error and close
// codes, two bystanders chatting meanwhile lose nothing, and the server's memory stays put.
class tst_HostileClient : public QObject {
    Q_OBJECT
private slots:
    void hostileTrafficLeavesBystandersAlone();
};

void tst_HostileClient::hostileTrafficLeavesBystandersAlone()
{
    const int seconds = int(envNumber("CONFAB_HOSTILE_SECONDS", 60));
    const quint32 seed = envNumber("CONFAB_HOSTILE_SEED", 20261202);
    qInfo("seed %u (CONFAB_HOSTILE_SEED), %d s (CONFAB_HOSTILE_SECONDS)", seed, seconds);
    QElapsedTimer wall;
    wall.start();
    ServerProcess server;
    QVERIFY(server.start()); // the default configuration: nothing lifted

    ClientPtr aliceClient = registeredClient(server, u"bystander_a"_s);
    ClientPtr bobClient = registeredClient(server, u"bystander_b"_s);
    QVERIFY(aliceClient && bobClient);
    const QString roomId = openDirect(*aliceClient, bobClient->userId());
    QVERIFY(!roomId.isEmpty());
    Bystander alice(std::move(aliceClient), u"alice"_s, roomId);
    Bystander bob(std::move(bobClient), u"bob"_s, roomId);
    const qint64 rssBefore = rssKiB(server.pid());
    QVERIFY(rssBefore > 0);

    Campaign campaign(server.url(), seed);
    campaign.fuzz.known.userIds = { alice.client().userId(), bob.client().userId() };
    campaign.fuzz.known.roomIds = { roomId };
    alice.start();
    bob.start();
    campaign.start();
    for (const QDeadlineTimer end(seconds * 1000); !end.hasExpired();)
        QTest::qWait(100); // the event loop runs the campaign and the bystanders
    campaign.stop();
    alice.stop();
    bob.stop();
    QTRY_VERIFY_WITH_TIMEOUT(campaign.allEnded(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(alice.pending.isEmpty() && bob.pending.isEmpty(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(alice.received.size(), bob.ownSeqs.size(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bob.received.size(), alice.ownSeqs.size(), 10000);

    QTest::qWait(3000); // for the server to let go of what the hostile connections held
    qint64 rssAfter = 0;
#ifdef CONFAB_SANITIZED
    // AddressSanitizer keeps freed memory in quarantine (256 MiB) to catch uses after free:
    // the server's RSS says nothing here. The normal build asserts the bound.
    rssAfter = rssKiB(server.pid());
#else
    constexpr qint64 kRssSlackKiB = 20 * 1024;
    QTRY_VERIFY_WITH_TIMEOUT((rssAfter = rssKiB(server.pid())) - rssBefore <= kRssSlackKiB, 10000);
#endif

    const Tally &tally = campaign.tally;
    qInfo() << "hostile frames:" << tally.frames << "- sent by kind:" << tally.sent;
    qInfo() << "errors by code:" << tally.errors;
    qInfo() << "hostile WebSockets ended:" << tally.closes;
    qInfo() << "raw sockets ended:" << tally.rawEnds;
    qInfo() << "alice sent" << alice.ownSeqs.size() << "received" << alice.received.size()
            << "refused" << alice.refusals << "- bob sent" << bob.ownSeqs.size() << "received"
            << bob.received.size() << "refused" << bob.refusals;
    qInfo("server RSS: %lld KiB before, %lld KiB after (%+lld KiB); %lld s in all", rssBefore,
        rssAfter, rssAfter - rssBefore, wall.elapsed() / 1000);

    QVERIFY2(tally.problems.isEmpty(), qPrintable(tally.problems.join(u'\n')));
    QVERIFY2(tally.frames >= 50000LL * seconds / 60, qPrintable(QString::number(tally.frames)));
    QVERIFY(server.pid() > 0); // still running
    for (Bystander *bystander : { &alice, &bob }) {
        QCOMPARE(bystander->failures, 0);
        QCOMPARE(bystander->client().closeCode(), -1); // never closed
        QVERIFY(answersPing(bystander->client()));
    }
    // Each got every message the other was told was stored, in seq order, none missing; and
    // on each connection the room's seqs (own `sent` and peer `event`) arrived as 1, 2, 3, ...
    QCOMPARE(alice.received, bob.ownSeqs);
    QCOMPARE(bob.received, alice.ownSeqs);
    QList<qint64> all(alice.ownSeqs.size() + bob.ownSeqs.size());
    std::iota(all.begin(), all.end(), 1);
    QCOMPARE(alice.arrivals, all);
    QCOMPARE(bob.arrivals, all);
    QVERIFY(server.stop());
}

QTEST_MAIN(tst_HostileClient)
#include "tst_hostileclient.moc"
