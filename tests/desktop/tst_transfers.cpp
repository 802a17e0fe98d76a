// File transfers of the desktop client against the real server: uploads through the outbox
// (progress, cancel, a failed upload retried where it stopped, resuming after a server
// crash and after a client restart) and downloads into the attachment cache (resuming a
// cut-off download, refusing what the user may not see).

#include "clienthelpers.h"
#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"
#include "transfers.h"

#include "net/chatclient.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;
using namespace DesktopTest;

namespace {
constexpr qint64 kChunk = 256 * 1024;

QByteArray randomBytes(qint64 size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(quint32(size) + 17);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char(generator.bounded(256));
    return data;
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

Attachment attachmentOf(const Event &event)
{
    return Attachment::fromJson(event.attachment).value_or(Attachment());
}
} // namespace

class TestTransfers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sendAndFetch_data();
    void sendAndFetch();
    void cancelDropsTheMessage();
    void failedUploadIsRetriedWhereItStopped();
    void uploadResumesAfterServerCrash();
    void uploadResumesAfterClientRestart();
    void cutOffDownloadResumes();
    void strangersGetNotFound();

private:
    // A signed-in client with its outbox and attachment cache in folders of the test.
    bool signUpWithFolders(ChatClient &client, const QUrl &url, const QString &name);
    // A new file of the test holding `data`, its name made unique; empty when it fails.
    QString newFile(const QString &name, const QByteArray &data);
    // Signs up both on the shared server and opens their direct room.
    QString directRoom(ChatClient &alice, ChatClient &bob);
    Event sentEventOf(ChatClient &sender, const QString &clientMsgId, int timeoutMs = 20000);

    ServerProcess m_server;
    QTemporaryDir m_files;
    int m_folders = 0;
};

void TestTransfers::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_files.isValid());
    QVERIFY(m_server.start());
}

bool TestTransfers::signUpWithFolders(ChatClient &client, const QUrl &url, const QString &name)
{
    const QString base = m_files.filePath(u"client-"_s + QString::number(++m_folders));
    client.attachmentCache()->setDirectory(base + u"/cache"_s);
    return signUp(client, url, uniqueName(name), base + u"/outbox"_s);
}

QString TestTransfers::newFile(const QString &name, const QByteArray &data)
{
    const QString path = m_files.filePath(QString::number(++m_folders) + u'-' + name);
    return writeFile(path, data) ? path : QString();
}

QString TestTransfers::directRoom(ChatClient &alice, ChatClient &bob)
{
    if (!signUpWithFolders(alice, m_server.url(), u"alice"_s)
        || !signUpWithFolders(bob, m_server.url(), u"bob"_s))
        return {};
    return openDirect(alice, bob.userId());
}

Event TestTransfers::sentEventOf(ChatClient &sender, const QString &clientMsgId, int timeoutMs)
{
    QSignalSpy sent(&sender, &ChatClient::messageSent);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        for (const QList<QVariant> &args : std::as_const(sent)) {
            const Event event = args.at(0).value<Event>();
            if (event.clientMsgId == clientMsgId)
                return event;
        }
        sent.wait(100);
    }
    return {};
}

void TestTransfers::sendAndFetch_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QString>("kind");
    QTest::addRow("empty file") << qint64(0) << Attachment::File;
    QTest::addRow("one byte") << qint64(1) << Attachment::File;
    QTest::addRow("exactly one chunk") << kChunk << Attachment::File;
    QTest::addRow("one byte over a chunk") << kChunk + 1 << Attachment::File;
    QTest::addRow("3 MiB picture") << qint64(3 * 1024 * 1024) << Attachment::Image;
}

void TestTransfers::sendAndFetch()
{
    QFETCH(qint64, size);
    QFETCH(QString, kind);
    ChatClient alice;
    ChatClient bob;
    const QString roomId = directRoom(alice, bob);
    QVERIFY(!roomId.isEmpty());

    const QByteArray data = randomBytes(size);
    const QString path
        = newFile(kind == Attachment::Image ? u"picture.png"_s : u"notes.bin"_s, data);
    QSignalSpy progressed(alice.uploads(), &UploadManager::progressed);
    QSignalSpy received(&bob, &ChatClient::eventReceived);
    const QString clientMsgId = alice.sendFile(roomId, { .path = path, .kind = kind });
    QCOMPARE(alice.outbox().find(clientMsgId)->attachment->kind, kind);

    const Event sent = sentEventOf(alice, clientMsgId);
    QVERIFY(sent.seq > 0);
    const Attachment mine = attachmentOf(sent);
    QVERIFY(mine.isUploaded());
    QCOMPARE(mine.size, size);
    QCOMPARE(mine.kind, kind);
    QCOMPARE(mine.sha256, Transfers::sha256Hex(data));
    QVERIFY(alice.outbox().isEmpty());
    if (size > 0) {
        QVERIFY(!progressed.isEmpty());
        QCOMPARE(progressed.constLast().at(2).toLongLong(), size);
        QCOMPARE(progressed.constLast().at(3).toLongLong(), size);
    }

    QTRY_COMPARE(received.size(), 1);
    const Attachment theirs = attachmentOf(received.at(0).at(0).value<Event>());
    QCOMPARE(theirs.attachmentId, mine.attachmentId);
    QSignalSpy fetched(bob.downloads(), &DownloadManager::fetched);
    bob.downloads()->fetch(theirs);
    QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 1, 20000);
    const QString local = fetched.at(0).at(1).toString();
    QCOMPARE(contentsOf(local), data);
    QVERIFY(local.startsWith(bob.attachmentCache()->directory()));
    QCOMPARE(bob.attachmentCache()->cachedPath(theirs), local);

    // Fetched once: a second fetch answers from the cache, without the server.
    bob.connection()->close();
    bob.downloads()->fetch(theirs);
    QTRY_COMPARE(fetched.size(), 2);
    QCOMPARE(fetched.at(1).at(1).toString(), local);
    // The sender's own pictures are in its cache already.
    if (kind == Attachment::Image)
        QTRY_COMPARE(contentsOf(alice.attachmentCache()->cachedPath(mine)), data);
}

void TestTransfers::cancelDropsTheMessage()
{
    ChatClient alice;
    TestClient bob;
    QVERIFY(signUpWithFolders(alice, m_server.url(), u"alice"_s));
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString roomId = openDirect(alice, bob.userId());
    const QString path = newFile(u"big.bin"_s, randomBytes(40 * 1024 * 1024));

    QSignalSpy cancelled(alice.uploads(), &UploadManager::cancelled);
    QSignalSpy sent(&alice, &ChatClient::messageSent);
    QSignalSpy progressed(alice.uploads(), &UploadManager::progressed);
    // Cancelled when the first chunk is acknowledged, before the upload can go on.
    connect(alice.uploads(), &UploadManager::progressed, this,
        [&alice](const QString &id, const QString &, qint64 sent) {
            if (sent > 0)
                alice.uploads()->cancel(id);
        });
    const QString clientMsgId = alice.sendFile(roomId, { .path = path, .kind = Attachment::File });
    QTRY_COMPARE(cancelled.size(), 1);
    QCOMPARE(progressed.size(), 2); // at uploadReady, and the first chunk
    QCOMPARE(cancelled.at(0).at(0).toString(), clientMsgId);
    QVERIFY(!alice.outbox().contains(clientMsgId));
    const qsizetype progressAtCancel = progressed.size();

    // Nothing more goes out, nothing reaches Bob, and the file itself is left alone.
    QVERIFY(bob.staysQuiet(u"event"_s, 500));
    QCOMPARE(progressed.size(), progressAtCancel);
    QCOMPARE(sent.size(), 0);
    QVERIFY(QFile::exists(path));
    // The connection is still good for the next message.
    alice.sendMessage(roomId, u"never mind"_s);
    QTRY_COMPARE(sent.size(), 1);
}

void TestTransfers::failedUploadIsRetriedWhereItStopped()
{
    ChatClient alice;
    ChatClient bob;
    const QString roomId = directRoom(alice, bob);
    QVERIFY(!roomId.isEmpty());
    const QByteArray data = randomBytes(30 * 1024 * 1024);
    const QString path = newFile(u"video.bin"_s, data);

    // The file disappears mid-upload (an unplugged drive, say): the upload fails and waits.
    QSignalSpy failed(alice.uploads(), &UploadManager::failed);
    QSignalSpy began(alice.uploads(), &UploadManager::began);
    bool moved = false;
    connect(alice.uploads(), &UploadManager::progressed, this,
        [&](const QString &, const QString &, qint64 sent) {
            if (!moved && sent > 0)
                moved = QFile::rename(path, path + u".away"_s);
        });
    const QString clientMsgId = alice.sendFile(roomId, { .path = path, .kind = Attachment::File });
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
    QVERIFY(moved);
    QCOMPARE(failed.at(0).at(2).toString(), u"file_unreadable"_s);
    QCOMPARE(alice.outbox().find(clientMsgId)->uploadError, u"file_unreadable"_s);
    const qint64 stoppedAt = alice.uploads()->progress(clientMsgId).done;
    QTest::qWait(300);
    QCOMPARE(began.size(), 1); // failed uploads are not retried by themselves

    // Back in place and retried: the server continues from what it has.
    QVERIFY(QFile::rename(path + u".away"_s, path));
    alice.uploads()->retry(clientMsgId);
    QTRY_COMPARE(began.size(), 2);
    QVERIFY(stoppedAt > 0);
    QVERIFY2(began.at(1).at(1).toLongLong() >= stoppedAt, "the retry started from the beginning");
    const Event sent = sentEventOf(alice, clientMsgId);
    QCOMPARE(attachmentOf(sent).size, data.size());

    QSignalSpy fetched(bob.downloads(), &DownloadManager::fetched);
    bob.downloads()->fetch(attachmentOf(sent));
    QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 1, 20000);
    QVERIFY(contentsOf(fetched.at(0).at(1).toString()) == data);
}

void TestTransfers::uploadResumesAfterServerCrash()
{
    ServerProcess server;
    QVERIFY(server.start());
    ChatClient alice;
    TestClient bob;
    QVERIFY(signUpWithFolders(alice, server.url(), u"alice"_s));
    QVERIFY(bob.open(server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString roomId = openDirect(alice, bob.userId());
    const QByteArray data = randomBytes(30 * 1024 * 1024);
    const QString path = newFile(u"crash.bin"_s, data);

    QSignalSpy began(alice.uploads(), &UploadManager::began);
    bool killed = false;
    connect(alice.uploads(), &UploadManager::progressed, this,
        [&](const QString &, const QString &, qint64 sent) {
            if (!killed && sent >= 2 * kChunk) {
                killed = true;
                server.kill();
            }
        });
    const QString clientMsgId = alice.sendFile(roomId, { .path = path, .kind = Attachment::File });
    QTRY_VERIFY_WITH_TIMEOUT(killed, 20000);
    QTRY_COMPARE(alice.status(), ChatClient::Status::Offline);

    QVERIFY(server.start());
    alice.connection()->setUrl(server.url()); // the restarted server got a new port
    const Event sent = sentEventOf(alice, clientMsgId, 30000);
    QVERIFY(sent.seq > 0);
    QVERIFY(began.size() >= 2);
    QVERIFY2(began.constLast().at(1).toLongLong() >= 2 * kChunk, "the upload started over");

    const ProtocolSteps::ClientPtr reader
        = ProtocolSteps::resumedClient(server, alice.session().token);
    QVERIFY(reader);
    const QJsonObject begin = reader->request(
        { { "type"_L1, "download"_L1 }, { "attachmentId"_L1, attachmentOf(sent).attachmentId } });
    QCOMPARE(begin.value("size"_L1).toInteger(), data.size());
    QCOMPARE(begin.value("sha256"_L1).toString(), Transfers::sha256Hex(data));
}

void TestTransfers::uploadResumesAfterClientRestart()
{
    const QString base = m_files.filePath(u"restart"_s);
    const QByteArray data = randomBytes(30 * 1024 * 1024);
    const QString path = newFile(u"restart.bin"_s, data);
    TestClient bob;
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    Session session;
    QString clientMsgId;
    QString roomId;
    {
        ChatClient alice;
        alice.attachmentCache()->setDirectory(base + u"/cache"_s);
        QVERIFY(signUp(alice, m_server.url(), uniqueName(u"alice"_s), base + u"/outbox"_s));
        roomId = openDirect(alice, bob.userId());
        bool quit = false;
        connect(alice.uploads(), &UploadManager::progressed, this,
            [&](const QString &, const QString &, qint64 sent) {
                if (!quit && sent >= 2 * kChunk) {
                    quit = true;
                    alice.connection()->close(); // the app quits: not a byte more
                }
            });
        clientMsgId = alice.sendFile(roomId, { .path = path, .kind = Attachment::File });
        QTRY_VERIFY(quit);
        session = alice.session();
    }

    ChatClient restarted;
    restarted.attachmentCache()->setDirectory(base + u"/cache"_s);
    restarted.setOutboxDirectory(base + u"/outbox"_s);
    QSignalSpy began(restarted.uploads(), &UploadManager::began);
    restarted.resume(session);
    QVERIFY(restarted.outbox().find(clientMsgId)->needsUpload());
    const Event sent = sentEventOf(restarted, clientMsgId);
    QVERIFY(sent.seq > 0);
    QCOMPARE(began.size(), 1);
    QVERIFY2(began.at(0).at(1).toLongLong() >= 2 * kChunk, "the upload started over");
    // Exactly one message reached Bob.
    QVERIFY(!bob.waitForType(u"event"_s).isEmpty());
    QVERIFY(bob.staysQuiet(u"event"_s, 500));
}

void TestTransfers::cutOffDownloadResumes()
{
    ChatClient alice;
    ChatClient bob;
    const QString roomId = directRoom(alice, bob);
    QVERIFY(!roomId.isEmpty());
    const QByteArray data = randomBytes(30 * 1024 * 1024);
    const Event sent = sentEventOf(alice,
        alice.sendFile(roomId, { .path = newFile(u"cut.bin"_s, data), .kind = Attachment::File }));
    QVERIFY(sent.seq > 0);

    QSignalSpy began(bob.downloads(), &DownloadManager::began);
    QSignalSpy fetched(bob.downloads(), &DownloadManager::fetched);
    bool cut = false;
    connect(
        bob.downloads(), &DownloadManager::progressed, this, [&](const QString &, qint64 received) {
            if (!cut && received >= 2 * kChunk) {
                cut = true;
                bob.connection()->abort(); // the network drops
            }
        });
    bob.downloads()->fetch(attachmentOf(sent));
    QTRY_COMPARE_WITH_TIMEOUT(fetched.size(), 1, 30000);
    QVERIFY(cut);
    QCOMPARE(began.size(), 2);
    QCOMPARE(began.at(0).at(1).toLongLong(), 0);
    QVERIFY2(began.at(1).at(1).toLongLong() >= 2 * kChunk, "the download started over");
    QVERIFY(contentsOf(fetched.at(0).at(1).toString()) == data);
}

void TestTransfers::strangersGetNotFound()
{
    ChatClient alice;
    ChatClient eve;
    TestClient bob;
    QVERIFY(signUpWithFolders(alice, m_server.url(), u"alice"_s));
    QVERIFY(signUpWithFolders(eve, m_server.url(), u"eve"_s));
    QVERIFY(bob.open(m_server.url()));
    bob.registerUser(uniqueName(u"bob"_s));
    const QString roomId = openDirect(alice, bob.userId());
    const Event sent = sentEventOf(alice,
        alice.sendFile(
            roomId, { .path = newFile(u"secret.txt"_s, "secret"), .kind = Attachment::File }));
    QVERIFY(sent.seq > 0);

    Attachment stolen = attachmentOf(sent);
    Attachment invented = stolen;
    invented.attachmentId = QString(32, u'7');
    QSignalSpy failed(eve.downloads(), &DownloadManager::failed);
    QSignalSpy fetched(eve.downloads(), &DownloadManager::fetched);
    eve.downloads()->fetch(stolen);
    eve.downloads()->fetch(invented);
    QTRY_COMPARE(failed.size(), 2);
    for (const QList<QVariant> &args : std::as_const(failed))
        QCOMPARE(args.at(1).toString(), u"not_found"_s);
    QCOMPARE(fetched.size(), 0);
    QVERIFY(eve.attachmentCache()->cachedPath(stolen).isEmpty());
}

QTEST_MAIN(TestTransfers)
#include "tst_transfers.moc"
