// libFuzzer target: the server's whole dispatch of one frame for a signed-in session, against
// a real store on a temporary SQLite file. The server runs in this process (its threads, its
// store), a real QWebSocket is signed in to it, and each input goes over loopback as one text
// frame (or, after a leading 0xff byte, a binary one); a ping behind it tells when it has
// been dispatched. A crash, a hang, or an `internal` error is a finding.
//
// In inputs, $ROOM, $DIRECT, $USER and $PEER stand for a group, a direct room, the signed-in
// user and the other member, so that requests reach past the membership checks.
#include "app/serverapp.h"
#include "auth/passwordhasher.h"
#include "config/serverconfig.h"
#include "logging.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace Confab::Server;
using namespace Qt::StringLiterals;

namespace {

constexpr int kReplyTimeoutMs = 5000;

struct Harness {
    std::unique_ptr<QCoreApplication> app;
    QTemporaryDir dataDir;
    std::unique_ptr<ServerApp> server;
    QUrl url;
    std::unique_ptr<QWebSocket> client;
    std::unique_ptr<QWebSocket> peer; // stays connected, so fan-out and presence have a target
    QString token;
    QJsonObject lastReply;
    QString awaitedId;
    QHash<QByteArray, QByteArray> placeholders;
    quint64 nextPing = 0;
};

Harness *g_harness = nullptr;

[[noreturn]] void finding(const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "fuzz_dispatch: %s: %s\n", what, detail.constData());
    std::abort();
}

// Waits for the frame echoing `id` on `socket`; empty when the connection ended or it timed out.
QJsonObject awaitReply(QWebSocket &socket, const QString &id)
{
    Harness &h = *g_harness;
    h.awaitedId = id;
    h.lastReply = {};
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&](const QString &text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        if (frame.value("code"_L1).toString() == "internal"_L1)
            finding("internal error", text.toUtf8());
        if (frame.value("id"_L1).toString() == h.awaitedId) {
            h.lastReply = frame;
            loop.quit();
        }
    });
    timeout.start(kReplyTimeoutMs);
    if (socket.state() == QAbstractSocket::ConnectedState)
        loop.exec();
    if (h.lastReply.isEmpty() && timeout.isActive() == false
        && socket.state() == QAbstractSocket::ConnectedState)
        finding("no reply in time", id.toUtf8());
    return h.lastReply;
}

QJsonObject request(QWebSocket &socket, QJsonObject frame)
{
    const QString id = u"h"_s + QString::number(++g_harness->nextPing);
    frame.insert("id"_L1, id);
    socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    return awaitReply(socket, id);
}

std::unique_ptr<QWebSocket> openSocket()
{
    auto socket = std::make_unique<QWebSocket>();
    QEventLoop loop;
    QObject::connect(socket.get(), &QWebSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(socket.get(), &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(kReplyTimeoutMs, &loop, &QEventLoop::quit);
    socket->open(g_harness->url);
    loop.exec();
    if (socket->state() != QAbstractSocket::ConnectedState)
        finding("cannot connect", g_harness->url.toString().toUtf8());
    return socket;
}

// A signed-in client connection: resumed with the token, or logged in again after a logout.
void reconnect()
{
    Harness &h = *g_harness;
    h.client = openSocket();
    QJsonObject auth = request(*h.client, { { "type"_L1, "resume"_L1 }, { "token"_L1, h.token } });
    if (auth.value("type"_L1) != "auth"_L1) {
        auth = request(*h.client,
            { { "type"_L1, "login"_L1 }, { "username"_L1, u"fuzzer"_s },
                { "password"_L1, u"fuzzing all day"_s } });
    }
    if (auth.value("type"_L1) != "auth"_L1)
        finding("cannot sign in again", QJsonDocument(auth).toJson());
    h.token = auth.value("token"_L1).toString();
}

void setUp()
{
    Harness &h = *g_harness;
    ServerConfig config;
    config.listenHost = u"127.0.0.1"_s;
    config.listenPort = 0;
    config.dataDir = h.dataDir.path();
    config.logLevel = u"error"_s;
    // Lifted so that inputs reach the handlers rather than the budgets.
    config.sendBurst = config.requestBurst = 1000000000;
    config.sendPerSecond = config.requestsPerSecond = 1e9;
    config.hashThreads = 1;
    setupLogging(config.logLevel);
    if (!PasswordHasher::initialize())
        finding("libsodium", {});
    h.server = std::make_unique<ServerApp>(config);
    QString error;
    if (!h.server->start(&error))
        finding("server did not start", error.toUtf8());
    h.url = QUrl(h.server->listenUrl());

    h.peer = openSocket();
    const QJsonObject peer = request(*h.peer,
        { { "type"_L1, "register"_L1 }, { "username"_L1, u"peer"_s },
            { "password"_L1, u"fuzzing all day"_s } });
    h.client = openSocket();
    const QJsonObject self = request(*h.client,
        { { "type"_L1, "register"_L1 }, { "username"_L1, u"fuzzer"_s },
            { "password"_L1, u"fuzzing all day"_s } });
    h.token = self.value("token"_L1).toString();
    const QString peerId = peer.value("userId"_L1).toString();
    const QJsonObject group = request(*h.client,
        { { "type"_L1, "createGroup"_L1 }, { "name"_L1, u"fuzz"_s },
            { "members"_L1, QJsonArray { peerId } } });
    const QJsonObject direct
        = request(*h.client, { { "type"_L1, "openDirect"_L1 }, { "userId"_L1, peerId } });
    h.placeholders = {
        { "$ROOM", group.value("room"_L1).toObject().value("roomId"_L1).toString().toUtf8() },
        { "$DIRECT", direct.value("room"_L1).toObject().value("roomId"_L1).toString().toUtf8() },
        { "$USER", self.value("userId"_L1).toString().toUtf8() }, { "$PEER", peerId.toUtf8() }
    };
    for (auto it = h.placeholders.cbegin(); it != h.placeholders.cend(); ++it) {
        if (it.value().size() != 32)
            finding("set-up failed", it.key());
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    g_harness = new Harness; // lives as long as the process: libFuzzer exits without returning
    g_harness->app = std::make_unique<QCoreApplication>(*argc, *argv);
    setUp();
    // libFuzzer ends the process with exit(): the server's threads are stopped first, while
    // Qt is still whole (handlers registered later run earlier).
    std::atexit([] {
        Harness &h = *g_harness;
        h.client.reset();
        h.peer.reset();
        h.server->shutdown();
        h.server.reset();
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Harness &h = *g_harness;
    if (!h.client || h.client->state() != QAbstractSocket::ConnectedState)
        reconnect();
    QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    if (input.startsWith('\xff')) {
        h.client->sendBinaryMessage(input.mid(1));
    } else {
        for (auto it = h.placeholders.cbegin(); it != h.placeholders.cend(); ++it)
            input.replace(it.key(), it.value());
        h.client->sendTextMessage(QString::fromUtf8(input));
    }
    const QString ping = u"fz"_s + QString::number(++h.nextPing);
    h.client->sendTextMessage(u"{\"type\":\"ping\",\"id\":\""_s + ping + u"\"}"_s);
    awaitReply(*h.client, ping);
    return 0;
}
