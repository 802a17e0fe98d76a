// The binary chunk frame of uploads and downloads, byte for byte as the protocol gives it.

#include "protocol/chunkframe.h"

#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;

class TestChunkFrame : public QObject {
    Q_OBJECT

private slots:
    void encodesTheDocumentedBytes();
    void roundTrip_data();
    void roundTrip();
    void shortFramesAreRefused_data();
    void shortFramesAreRefused();
};

void TestChunkFrame::encodesTheDocumentedBytes()
{
    // The example of docs/protocol.md: uploadId 9f8e…a0, offset 0, data "OggS".
    const QByteArray frame = ChunkFrame::encode(u"9f8e7d6c5b4a39281706f5e4d3c2b1a0"_s, 0, "OggS");
    QCOMPARE(frame.toHex(' '),
        QByteArray(
            "9f 8e 7d 6c 5b 4a 39 28 17 06 f5 e4 d3 c2 b1 a0 00 00 00 00 00 00 00 00 4f 67 67 53"));
    const QByteArray late = ChunkFrame::encode(QString(32, u'0'), 0x0102030405060708, {});
    QCOMPARE(late.size(), ChunkFrame::HeaderBytes);
    QCOMPARE(late.sliced(16).toHex(), QByteArray("0102030405060708"));
}

void TestChunkFrame::roundTrip_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QByteArray>("data");
    QTest::addRow("empty data") << u"00112233445566778899aabbccddeeff"_s << qint64(0)
                                << QByteArray();
    QTest::addRow("one byte") << u"ffffffffffffffffffffffffffffffff"_s << qint64(1)
                              << QByteArray("x");
    QTest::addRow("a chunk at 100 MiB") << u"0123456789abcdef0123456789abcdef"_s
                                        << qint64(100) * 1024 * 1024 << QByteArray(256 * 1024, 'c');
    QTest::addRow("offset past 4 GiB") << u"0123456789abcdef0123456789abcdef"_s
                                       << (qint64(1) << 33) + 5 << QByteArray("\0\1\2", 3);
}

void TestChunkFrame::roundTrip()
{
    QFETCH(QString, id);
    QFETCH(qint64, offset);
    QFETCH(QByteArray, data);
    const QByteArray frame = ChunkFrame::encode(id, offset, data);
    QCOMPARE(frame.size(), ChunkFrame::HeaderBytes + data.size());
    const std::optional<ChunkFrame> chunk = ChunkFrame::decode(frame);
    QVERIFY(chunk);
    QCOMPARE(chunk->id, id);
    QCOMPARE(chunk->offset, offset);
    QCOMPARE(chunk->data, data);
}

void TestChunkFrame::shortFramesAreRefused_data()
{
    QTest::addColumn<int>("size");
    QTest::addRow("empty") << 0;
    QTest::addRow("id only") << 16;
    QTest::addRow("one byte short") << 23;
}

void TestChunkFrame::shortFramesAreRefused()
{
    QFETCH(int, size);
    QVERIFY(!ChunkFrame::decode(QByteArray(size, '\x7f')));
    QVERIFY(ChunkFrame::decode(QByteArray(24, '\x7f')));
}

QTEST_MAIN(TestChunkFrame)
#include "tst_chunkframe.moc"
