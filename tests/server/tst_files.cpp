#include "serverprocess.h"
#include "testclient.h"
#include "transfers.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kChunk = 256 * 1024;

QByteArray randomBytes(qint64 size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char(QRandomGenerator::global()->bounded(256));
    return data;
}

QString groupWith(TestClient &owner, const QStringList &members)
{
    return owner.request({ { "type"_L1, "createGroup"_L1 }, { "name"_L1, "files"_L1 },
                             { "members"_L1, QJsonArray::fromStringList(members) } })
        .value("room"_L1).toObject().value("roomId"_L1).toString();
}

QJsonObject post(TestClient &client, const QString &roomId, const QString &attachmentId, const QString &clientMsgId)
{
    return client.request({ { "type"_L1, "send"_L1 }, { "roomId"_L1, roomId },
        { "clientMsgId"_L1, clientMsgId }, { "attachmentId"_L1, attachmentId } });
}

QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    return files;
}
} // namespace

// Uploads and downloads against the real server: sizes, resume, checksums, access, names.
class tst_Files : public QObject {
    Q_OBJECT
private:
    ServerProcess m_server;
    int m_users = 0;

    void signIn(TestClient &client)
    {
        QVERIFY(client.open(m_server.url()));
        QCOMPARE(client.registerUser(u"filer"_s + QString::number(++m_users)).value("type"_L1).toString(), u"auth"_s);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.startWithConfig("[files]\nmax_file_bytes=31457280\n"
                                         "[limits]\nsend_burst=1000\nsend_per_second=1000\n"));
    }

    void uploadThenDownloadBySize_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addRow("0 bytes") << qint64(0);
        QTest::addRow("1 byte") << qint64(1);
        QTest::addRow("one chunk") << kChunk;
        QTest::addRow("one byte over a chunk") << kChunk + 1;
        QTest::addRow("20 MiB") << qint64(20 * 1024 * 1024);
    }

    void uploadThenDownloadBySize()
    {
        QFETCH(qint64, size);
        TestClient alice, bob;
        signIn(alice);
        signIn(bob);
        const QByteArray data = randomBytes(size);
        const QJsonObject uploaded = Transfers::upload(alice, data, Transfers::named(u"data.bin"_s));
        QCOMPARE(uploaded.value("type"_L1).toString(), u"uploaded"_s);
        const QJsonObject attachment = uploaded.value("attachment"_L1).toObject();
        QCOMPARE(attachment.value("size"_L1).toInteger(), size);
        QCOMPARE(attachment.value("sha256"_L1).toString(), Transfers::sha256Hex(data));
        QCOMPARE(attachment.value("name"_L1).toString(), u"data.bin"_s);
        const QString attachmentId = attachment.value("attachmentId"_L1).toString();

        const QString roomId = groupWith(alice, { bob.userId() });
        QCOMPARE(post(alice, roomId, attachmentId, u"file-1"_s).value("type"_L1).toString(), u"sent"_s);
        const QJsonObject event = bob.waitForType(u"event"_s).value("event"_L1).toObject();
        QCOMPARE(event.value("attachment"_L1).toObject(), attachment);

        const Transfers::Download download = Transfers::download(bob, attachmentId);
        QCOMPARE(download.begin.value("type"_L1).toString(), u"downloadBegin"_s);
        QCOMPARE(download.begin.value("size"_L1).toInteger(), size);
        QCOMPARE(download.begin.value("sha256"_L1), attachment.value("sha256"_L1));
        QVERIFY(download.ended);
        QVERIFY(download.data == data);
    }

    void uploadResumesAfterTheSocketCloses()
    {
        const QByteArray data = randomBytes(5 * kChunk + 123);
        TestClient first;
        signIn(first);
        const QString name = u"filer"_s + QString::number(m_users);
        const QJsonObject partial = Transfers::upload(first, data, Transfers::partial(u"resume.bin"_s, 3 * kChunk));
        QCOMPARE(partial.value("received"_L1).toInteger(), 3 * kChunk);
        first.close();
        QVERIFY(first.waitForClosed());

        TestClient second;
        QVERIFY(second.open(m_server.url()));
        second.login(name);
        QJsonObject ready;
        const QJsonObject uploaded = Transfers::upload(second, data, Transfers::named(u"resume.bin"_s), &ready);
        QCOMPARE(ready.value("offset"_L1).toInteger(), 3 * kChunk);
        QCOMPARE(uploaded.value("type"_L1).toString(), u"uploaded"_s);
        const QString attachmentId = uploaded.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
        QVERIFY(Transfers::download(second, attachmentId).data == data);

        // The same content again is the same attachment, at once.
        const QJsonObject again = Transfers::upload(second, data, Transfers::named(u"other name.bin"_s));
        QCOMPARE(again.value("type"_L1).toString(), u"uploaded"_s);
        QCOMPARE(again.value("attachment"_L1).toObject().value("attachmentId"_L1).toString(), attachmentId);
    }

    void checksumMismatchDropsTheData()
    {
        TestClient alice;
        signIn(alice);
        const QByteArray data = randomBytes(kChunk + 10);
        const QString wrong = Transfers::sha256Hex("something else");
        const QJsonObject failed = Transfers::upload(alice, data, Transfers::partial(u"a"_s, -1, wrong));
        QCOMPARE(failed.value("type"_L1).toString(), u"error"_s);
        QCOMPARE(failed.value("code"_L1).toString(), u"checksum_mismatch"_s);
        QVERIFY(!failed.value("id"_L1).toString().isEmpty());
        QJsonObject ready;
        const QJsonObject started = Transfers::upload(alice, data, Transfers::partial(u"a"_s, kChunk, wrong), &ready);
        QCOMPARE(ready.value("offset"_L1).toInteger(), 0);
        QVERIFY(!filesUnder(m_server.dataDir() + u"/blobs"_s).contains(u"%1/%2"_s.arg(wrong.left(2), wrong)));
    }

    void strangersGetNotFoundLikeAnUnknownId()
    {
        TestClient alice, bob, carol;
        signIn(alice);
        signIn(bob);
        signIn(carol);
        const QJsonObject uploaded = Transfers::upload(alice, "private", Transfers::named(u"p.txt"_s));
        const QString attachmentId = uploaded.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
        const QJsonObject stranger = Transfers::download(bob, attachmentId).begin;
        const QJsonObject unknown = Transfers::download(bob, QString(32, u'7')).begin;
        QCOMPARE(stranger.value("code"_L1).toString(), u"not_found"_s);
        QCOMPARE(unknown.value("code"_L1).toString(), u"not_found"_s);
        QCOMPARE(stranger.value("message"_L1), unknown.value("message"_L1));
        // Only the uploader may post it.
        const QString bobsRoom = groupWith(bob, {});
        QCOMPARE(post(bob, bobsRoom, attachmentId, u"steal"_s).value("code"_L1).toString(), u"not_found"_s);

        const QString roomId = groupWith(alice, { bob.userId() });
        QCOMPARE(post(alice, roomId, attachmentId, u"share"_s).value("type"_L1).toString(), u"sent"_s);
        QVERIFY(Transfers::download(bob, attachmentId).data == "private");
        QCOMPARE(Transfers::download(carol, attachmentId).begin.value("code"_L1).toString(), u"not_found"_s);
    }

    void namesAreMetadataOnly_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("parent path") << u"../../etc/passwd"_s;
        QTest::addRow("absolute") << u"/tmp/confab-should-not-exist"_s;
        QTest::addRow("long unicode") << QString(u"文件名🙂ä"_s).repeated(60);
    }

    void namesAreMetadataOnly()
    {
        QFETCH(QString, name);
        TestClient alice;
        signIn(alice);
        const QByteArray data = randomBytes(100);
        const QJsonObject uploaded = Transfers::upload(alice, data, Transfers::named(name));
        QCOMPARE(uploaded.value("attachment"_L1).toObject().value("name"_L1).toString(), name);
        const QString attachmentId = uploaded.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
        QCOMPARE(Transfers::download(alice, attachmentId).begin.value("name"_L1).toString(), name);
        const QString sha = Transfers::sha256Hex(data);
        QVERIFY(filesUnder(m_server.dataDir() + u"/blobs"_s).contains(sha.left(2) + u'/' + sha));
        QVERIFY(!QFile::exists(u"/tmp/confab-should-not-exist"_s));
    }

    void sizeLimitAndBadChunks()
    {
        TestClient alice;
        signIn(alice);
        const QJsonObject tooBig = alice.request({ { "type"_L1, "uploadBegin"_L1 }, { "name"_L1, "big"_L1 },
            { "mime"_L1, "x/y"_L1 }, { "size"_L1, 30 * 1024 * 1024 + 1 }, { "kind"_L1, "file"_L1 },
            { "sha256"_L1, QString(64, u'a') } });
        QCOMPARE(tooBig.value("code"_L1).toString(), u"too_large"_s);
        const QJsonObject voice = alice.request({ { "type"_L1, "uploadBegin"_L1 }, { "name"_L1, "v"_L1 },
            { "mime"_L1, "audio/wav"_L1 }, { "size"_L1, 10 }, { "kind"_L1, "voice"_L1 },
            { "sha256"_L1, QString(64, u'a') } });
        QCOMPARE(voice.value("code"_L1).toString(), u"bad_request"_s);

        QJsonObject ready;
        Transfers::upload(alice, randomBytes(2 * kChunk), Transfers::partial(u"x"_s, kChunk), &ready);
        QByteArray wrongOffset = QByteArray::fromHex(ready.value("uploadId"_L1).toString().toLatin1());
        wrongOffset.append(QByteArray(7, '\0')).append(char(5)).append("data");
        alice.socket().sendBinaryMessage(wrongOffset);
        QCOMPARE(alice.waitFor([&](const QJsonObject &f) { return f.value("id"_L1) == ready.value("id"_L1); })
                     .value("code"_L1).toString(), u"bad_request"_s);
        QByteArray unknown(24, '\x42');
        alice.socket().sendBinaryMessage(unknown + "data");
        QCOMPARE(alice.waitForType(u"error"_s).value("code"_L1).toString(), u"bad_request"_s);
        QVERIFY(alice.isOpen());
    }

    void twoUsersSameContentStoredOnce()
    {
        TestClient alice, bob;
        signIn(alice);
        signIn(bob);
        const QByteArray data = randomBytes(kChunk + 7);
        const QJsonObject a = Transfers::upload(alice, data, Transfers::named(u"a.bin"_s));
        const QJsonObject b = Transfers::upload(bob, data, Transfers::named(u"b.bin"_s));
        const QString idA = a.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
        const QString idB = b.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
        QVERIFY(!idA.isEmpty() && !idB.isEmpty() && idA != idB);
        QVERIFY(Transfers::download(alice, idA).data == data);
        QVERIFY(Transfers::download(bob, idB).data == data);
        const QString sha = Transfers::sha256Hex(data);
        QCOMPARE(filesUnder(m_server.dataDir() + u"/blobs"_s).filter(sha).size(), 1);
        QCOMPARE(Transfers::download(bob, idA).begin.value("code"_L1).toString(), u"not_found"_s);
    }

    void downloadResumesFromAnOffset()
    {
        TestClient alice;
        signIn(alice);
        const QByteArray data = randomBytes(3 * kChunk + 99);
        const QString attachmentId = Transfers::upload(alice, data, Transfers::named(u"r.bin"_s))
                                         .value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
        const qint64 offset = kChunk + 5;
        const Transfers::Download rest = Transfers::download(alice, attachmentId, offset);
        QCOMPARE(rest.begin.value("size"_L1).toInteger(), data.size());
        QVERIFY(rest.data == data.mid(offset));
        QCOMPARE(alice.request({ { "type"_L1, "download"_L1 }, { "attachmentId"_L1, attachmentId },
                                   { "offset"_L1, data.size() + 1 } })
                     .value("code"_L1).toString(), u"bad_request"_s);
    }
};

QTEST_MAIN(tst_Files)
#include "tst_files.moc"
