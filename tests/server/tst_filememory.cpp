#include "rawclient.h"
#include "serverprocess.h"
#include "testclient.h"
#include "transfers.h"

#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The server's peak resident memory so far, from the kernel (VmHWM), in KiB.
qint64 peakRssKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpressionMatch match
        = QRegularExpression(u"VmHWM:\\s+(\\d+) kB"_s).match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

} // namespace

// A client that asks for a 100 MiB file and then reads nothing must not make the server
// hold the file in memory: downloads are paced by the socket.
class tst_FileMemory : public QObject {
    Q_OBJECT
private slots:
    void stalledDownloadKeepsMemoryBounded()
    {
        ServerProcess server;
        QVERIFY(server.start());
        QByteArray data(100 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);

        TestClient owner;
        QVERIFY(owner.open(server.url()));
        owner.registerUser(u"bigfile"_s);
        const QJsonObject uploaded = Transfers::upload(owner, data, Transfers::named(u"big.bin"_s));
        QCOMPARE(uploaded.value("type"_L1).toString(), u"uploaded"_s);
        const QString attachmentId = uploaded.value("attachment"_L1).toObject().value("attachmentId"_L1).toString();
        data.clear();
        const qint64 peakBefore = peakRssKiB(server.pid());
        QVERIFY(peakBefore > 0);

        // A hand-made client that signs in, asks for the file, and never reads again.
        RawClient stalled;
        QVERIFY(stalled.open(server.url()));
        stalled.socket().setReadBufferSize(4096);
        const QJsonObject resume { { "type"_L1, "resume"_L1 }, { "token"_L1, owner.token() } };
        const QJsonObject download { { "type"_L1, "download"_L1 }, { "id"_L1, "d"_L1 },
            { "attachmentId"_L1, attachmentId } };
        stalled.sendText(QJsonDocument(resume).toJson(QJsonDocument::Compact));
        stalled.sendText(QJsonDocument(download).toJson(QJsonDocument::Compact));
        QTest::qWait(3000);

        const qint64 peakAfter = peakRssKiB(server.pid());
        qInfo("server peak RSS: %lld KiB before the download, %lld KiB after", peakBefore, peakAfter);
        // Holding the file would add 100 MiB; paced reading adds about a chunk and the buffer.
        QVERIFY2(peakAfter - peakBefore < 24 * 1024, "the server's memory grew with the download");

        // The download did start: its first bytes are waiting in the stalled socket.
        QVERIFY(stalled.socket().waitForReadyRead(1000) || stalled.socket().bytesAvailable() > 0);
        QVERIFY(stalled.socket().read(4096).contains("downloadBegin"));

        // The server still serves everyone else.
        QCOMPARE(owner.request({ { "type"_L1, "ping"_L1 } }).value("type"_L1).toString(), u"pong"_s);
    }
};

QTEST_MAIN(tst_FileMemory)
#include "tst_filememory.moc"
