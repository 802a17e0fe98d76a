// The file limits of the server against the real binary: the binary frame size, uploads in
// progress per user, the storage quota per user, and unfinished uploads removed once they
// are old enough.

#include "protocolsteps.h"
#include "serverprocess.h"
#include "testclient.h"
#include "transfers.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ProtocolSteps;

namespace {
constexpr qint64 kChunk = 256 * 1024;

QByteArray bytes(qint64 size, char fill)
{
    return QByteArray(size, fill);
}

// Begins an upload of `size` bytes named by `fill` without sending data.
QJsonObject begin(TestClient &client, qint64 size, char fill)
{
    return call(client, u"uploadBegin"_s,
        { { "name"_L1, QString(u"file-"_s + QLatin1Char(fill)) }, { "mime"_L1, u"x/y"_s },
            { "size"_L1, size }, { "kind"_L1, u"file"_s },
            { "sha256"_L1, Transfers::sha256Hex(bytes(size, fill)) } });
}

qsizetype partialFiles(const ServerProcess &server)
{
    return QDir(server.dataDir() + u"/partial"_s).entryList(QDir::Files).size();
}
} // namespace

class tst_FileLimits : public QObject {
    Q_OBJECT
private slots:
    void binaryFrameLimit_data()
    {
        QTest::addColumn<qint64>("chunkBytes"); // 0: the default
        QTest::addColumn<qint64>("frameBytes");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("default chunk + 24") << qint64(0) << kChunk + 24 << true;
        QTest::addRow("default chunk + 25") << qint64(0) << kChunk + 25 << false;
        // Smaller than a text frame may be: binary frames still keep to their own limit.
        QTest::addRow("64 KiB chunk + 24") << qint64(65536) << qint64(65536 + 24) << true;
        QTest::addRow("64 KiB chunk + 25") << qint64(65536) << qint64(65536 + 25) << false;
    }

    void binaryFrameLimit()
    {
        QFETCH(qint64, chunkBytes);
        QFETCH(qint64, frameBytes);
        QFETCH(bool, accepted);
        ServerProcess server;
        QVERIFY(server.startWithConfig(chunkBytes > 0
                ? QByteArray("[files]\nchunk_bytes=") + QByteArray::number(chunkBytes) + '\n'
                : QByteArray()));
        ClientPtr alice = registeredClient(server, u"sender"_s);
        ClientPtr bob = registeredClient(server, u"bystander"_s);
        QVERIFY(alice && bob);
        // A chunk for an upload this connection never began: refused, or too large to read.
        alice->socket().sendBinaryMessage(QByteArray(frameBytes, '\x42'));
        if (accepted) {
            QCOMPARE(outcome(alice->waitForType(u"error"_s)), u"error:bad_request"_s);
            QVERIFY(answersPing(*alice));
        } else {
            QVERIFY(alice->waitForClosed());
            QCOMPARE(alice->closeCode(), 1009);
        }
        QVERIFY(answersPing(*bob));
        QVERIFY(server.stop());
    }

    void concurrentUploadsPerUser()
    {
        ServerProcess server;
        QVERIFY(server.startWithConfig("[files]\nmax_concurrent_uploads=2\n"));
        ClientPtr alice = registeredClient(server, u"juggler"_s);
        ClientPtr bob = registeredClient(server, u"bystander"_s);
        QVERIFY(alice && bob);

        QCOMPARE(outcome(begin(*alice, 2 * kChunk, 'a')), u"uploadReady"_s);
        QCOMPARE(outcome(begin(*alice, 2 * kChunk, 'b')), u"uploadReady"_s);
        const QJsonObject third = begin(*alice, 2 * kChunk, 'c');
        QCOMPARE(outcome(third), u"error:rate_limited"_s);
        QVERIFY(third.value("retryAfterMs"_L1).toInteger() > 0);
        // The limit is per user: someone else uploads meanwhile.
        QCOMPARE(outcome(begin(*bob, 2 * kChunk, 'c')), u"uploadReady"_s);

        // A finished upload frees its place.
        QCOMPARE(outcome(Transfers::upload(
                     *alice, bytes(2 * kChunk, 'a'), Transfers::named(u"file-a"_s))),
            u"uploaded"_s);
        QCOMPARE(outcome(begin(*alice, 2 * kChunk, 'c')), u"uploadReady"_s);
        // So does a closed connection.
        alice.reset();
        ClientPtr again = registeredClient(server, u"juggler2"_s);
        QVERIFY(again);
        QCOMPARE(outcome(begin(*again, kChunk, 'd')), u"uploadReady"_s);
        QVERIFY(server.stop());
    }

    void storageQuotaPerUser()
    {
        ServerProcess server;
        QVERIFY(server.startWithConfig("[files]\nquota_bytes=1048576\n"));
        ClientPtr alice = registeredClient(server, u"hoarder"_s);
        ClientPtr bob = registeredClient(server, u"frugal"_s);
        QVERIFY(alice && bob);

        QCOMPARE(
            outcome(Transfers::upload(*alice, bytes(600 * 1024, 'q'), Transfers::named(u"one"_s))),
            u"uploaded"_s);
        // 600 KiB stored; 500 KiB more would pass the 1 MiB quota, 400 KiB do not.
        QCOMPARE(outcome(begin(*alice, 500 * 1024, 'r')), u"error:too_large"_s);
        QCOMPARE(outcome(begin(*alice, 400 * 1024, 's')), u"uploadReady"_s);
        // Unfinished uploads count too.
        QCOMPARE(outcome(begin(*alice, 100 * 1024, 't')), u"error:too_large"_s);
        // The same content again costs nothing, and other users have their own quota.
        QCOMPARE(outcome(begin(*alice, 600 * 1024, 'q')), u"uploaded"_s);
        QCOMPARE(outcome(begin(*bob, 1000 * 1024, 'r')), u"uploadReady"_s);
        QVERIFY(server.stop());
    }

    void unfinishedUploadsExpire()
    {
        ServerProcess server;
        QVERIFY(server.startWithConfig("[files]\nupload_expiry_ms=1500\n"));
        ClientPtr alice = registeredClient(server, u"procrastinator"_s);
        QVERIFY(alice);
        const QByteArray data = bytes(3 * kChunk, 'e');
        QJsonObject ready;
        Transfers::upload(*alice, data, Transfers::partial(u"late"_s, kChunk), &ready);
        QCOMPARE(outcome(ready), u"uploadReady"_s);
        QTRY_COMPARE(partialFiles(server), 1);
        const QString token = alice->token();
        alice.reset();

        // Resumable at first...
        ClientPtr soon = resumedClient(server, token);
        QVERIFY(soon);
        QVERIFY(begin(*soon, data.size(), 'e').value("offset"_L1).toInteger() >= kChunk);
        soon.reset();
        // ...then the sweep (every second here) removes the data and its record.
        QTRY_COMPARE_WITH_TIMEOUT(partialFiles(server), 0, 6000);
        ClientPtr later = resumedClient(server, token);
        QVERIFY(later);
        const QJsonObject fresh = begin(*later, data.size(), 'e');
        QCOMPARE(outcome(fresh), u"uploadReady"_s);
        QCOMPARE(fresh.value("offset"_L1).toInteger(), 0);
        QVERIFY(server.stop());
    }
};

QTEST_MAIN(tst_FileLimits)
#include "tst_filelimits.moc"
