#include "net/wsframereader.h"
#include "protocol/errorcode.h"

#include <QTest>

using namespace Confab;
using namespace Confab::Server;
using namespace Qt::StringLiterals;
using Kind = WsFrameReader::Kind;
using Status = WsFrameReader::Status;

// What a client sends, read back: every rule of RFC 6455 section 5 whose breach fails the
// connection, with the code it fails with, and messages that arrive in any pieces.
class tst_WsFrameReader : public QObject {
    Q_OBJECT
private slots:
    void readsEveryLengthEncoding_data();
    void readsEveryLengthEncoding();
    void putsFragmentsTogetherAroundControlFrames();
    void readsTheSameMessagesFedByteByByte();
    void refusesBrokenFrames_data();
    void refusesBrokenFrames();
    void refusesATooLargeMessageFromItsHeader();
    void refusesTooManyFragmentsTogether();
    void checksUtf8OfWholeMessages();
    void checksClosePayloads_data();
    void checksClosePayloads();
};

namespace {

constexpr qint64 kMaxText = 1000;
constexpr qint64 kMaxBinary = 70000;

struct FrameSpec {
    quint8 opcode = 0x1;
    bool final = true;
    bool masked = true;
    quint8 reserved = 0;
};

// A frame as a client must send it: masked with a key that changes every byte.
QByteArray clientFrame(QByteArray payload, FrameSpec spec = {})
{
    QByteArray frame;
    frame.append(char((spec.final ? 0x80 : 0) | (spec.reserved << 4) | spec.opcode));
    const char maskBit = spec.masked ? char(0x80) : char(0);
    const quint64 size = quint64(payload.size());
    if (size < 126) {
        frame.append(char(maskBit | char(size)));
    } else if (size <= 0xffff) {
        frame.append(char(maskBit | 126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((size >> shift) & 0xff));
    }
    if (spec.masked) {
        const char key[4] = { char(0x37), char(0xfa), char(0x21), char(0x3d) };
        frame.append(key, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload[i] ^ key[i % 4]);
    }
    return frame + payload;
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    QByteArray payload;
    payload.append(char(code >> 8));
    payload.append(char(code & 0xff));
    return payload + reason;
}

// Every step of reading `input` in one go, the unused rest as the caller keeps it.
QList<WsFrameReader::Step> readAll(WsFrameReader &reader, QByteArray input)
{
    QList<WsFrameReader::Step> steps;
    qsizetype used = 0;
    while (used < input.size()) {
        WsFrameReader::Step step = reader.next(input.data() + used, input.size() - used);
        used += step.consumed;
        if (step.status == Status::NeedMore)
            break;
        steps.append(step);
        if (step.status == Status::Failed)
            break;
    }
    return steps;
}

WsFrameReader::Step failureOf(const QByteArray &input)
{
    WsFrameReader reader(kMaxText, kMaxBinary);
    const QList<WsFrameReader::Step> steps = readAll(reader, input);
    return steps.isEmpty() ? WsFrameReader::Step {} : steps.last();
}

} // namespace

void tst_WsFrameReader::readsEveryLengthEncoding_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("opcode");
    for (int size : { 0, 1, 125, 126, 127, 1000 })
        QTest::addRow("text %d", size) << size << 0x1;
    for (int size : { 0, 125, 126, 65535, 65536, 70000 })
        QTest::addRow("binary %d", size) << size << 0x2;
}

void tst_WsFrameReader::readsEveryLengthEncoding()
{
    QFETCH(int, size);
    QFETCH(int, opcode);
    QByteArray payload(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        payload[i] = char('a' + i % 26);
    WsFrameReader reader(kMaxText, kMaxBinary);
    QByteArray input = clientFrame(payload, { quint8(opcode) });
    const WsFrameReader::Step step = reader.next(input.data(), input.size());
    QCOMPARE(step.status, Status::Message);
    QCOMPARE(step.kind, opcode == 0x1 ? Kind::Text : Kind::Binary);
    QCOMPARE(step.consumed, input.size());
    QCOMPARE(step.payload, payload);

    // Any shorter input is a frame still arriving, and nothing of it is used.
    WsFrameReader partial(kMaxText, kMaxBinary);
    for (qsizetype cut : { qsizetype(1), qsizetype(2), input.size() - 1 }) {
        if (cut >= input.size() || cut < 0)
            continue;
        QByteArray head = input.first(cut);
        const WsFrameReader::Step more = partial.next(head.data(), head.size());
        QCOMPARE(more.status, Status::NeedMore);
        QCOMPARE(more.consumed, 0);
    }
}

void tst_WsFrameReader::putsFragmentsTogetherAroundControlFrames()
{
    WsFrameReader reader(kMaxText, kMaxBinary);
    const QByteArray input = clientFrame("{\"type\":", { 0x1, false })
        + clientFrame("hello", { 0x9 }) + clientFrame("\"ping\"", { 0x0, false })
        + clientFrame("", { 0xA }) + clientFrame("}", { 0x0, true }) + clientFrame("next");
    const QList<WsFrameReader::Step> steps = readAll(reader, input);
    QCOMPARE(steps.size(), 4);
    QCOMPARE(steps[0].kind, Kind::Ping);
    QCOMPARE(steps[0].payload, "hello");
    QCOMPARE(steps[1].kind, Kind::Pong);
    QCOMPARE(steps[2].kind, Kind::Text);
    QCOMPARE(steps[2].payload, "{\"type\":\"ping\"}");
    QCOMPARE(steps[3].payload, "next");
}

void tst_WsFrameReader::readsTheSameMessagesFedByteByByte()
{
    const QByteArray input = clientFrame(QByteArray(300, 'x')) + clientFrame("ab", { 0x2, false })
        + clientFrame("cd", { 0x0, true }) + clientFrame(closePayload(1000, "bye"), { 0x8 });
    // The caller's way: keep what was not used, add the next byte, read again.
    WsFrameReader reader(kMaxText, kMaxBinary);
    QList<WsFrameReader::Step> steps;
    QByteArray held;
    for (char byte : input) {
        held.append(byte);
        for (;;) {
            WsFrameReader::Step step = reader.next(held.data(), held.size());
            held.remove(0, step.consumed);
            if (step.status == Status::NeedMore)
                break;
            QCOMPARE(step.status, Status::Message);
            steps.append(step);
        }
    }
    QVERIFY(held.isEmpty());
    QCOMPARE(steps.size(), 3);
    QCOMPARE(steps[0].payload, QByteArray(300, 'x'));
    QCOMPARE(steps[1].kind, Kind::Binary);
    QCOMPARE(steps[1].payload, "abcd");
    QCOMPARE(steps[2].kind, Kind::Close);
    QCOMPARE(steps[2].payload, closePayload(1000, "bye"));
}

void tst_WsFrameReader::refusesBrokenFrames_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("code");
    const int protocol = CloseCode::ProtocolError;
    QTest::newRow("unmasked") << clientFrame("{}", { 0x1, true, false }) << protocol;
    QTest::newRow("reserved bit") << clientFrame("{}", { 0x1, true, true, 4 }) << protocol;
    QTest::newRow("reserved data opcode") << clientFrame("{}", { 0x3 }) << protocol;
    QTest::newRow("reserved control opcode") << clientFrame("", { 0xB }) << protocol;
    QTest::newRow("fragmented ping") << clientFrame("", { 0x9, false }) << protocol;
    QTest::newRow("long ping") << clientFrame(QByteArray(126, 'p'), { 0x9 }) << protocol;
    QTest::newRow("continuation first") << clientFrame("x", { 0x0 }) << protocol;
    QTest::newRow("text inside a fragmented text")
        << clientFrame("a", { 0x1, false }) + clientFrame("b") << protocol;
    QByteArray topBit = "\x82\xff\x80\x00\x00\x00\x00\x00\x00\x01"_ba;
    QTest::newRow("length with top bit") << topBit << protocol;
}

void tst_WsFrameReader::refusesBrokenFrames()
{
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    const WsFrameReader::Step step = failureOf(input);
    QCOMPARE(step.status, Status::Failed);
    QCOMPARE(int(step.closeCode), code);
    QVERIFY(step.why);
}

void tst_WsFrameReader::refusesATooLargeMessageFromItsHeader()
{
    // Only the header has come: the size alone refuses it, before any payload is held.
    QByteArray header = clientFrame(QByteArray(int(kMaxText) + 1, 'x')).first(8);
    WsFrameReader reader(kMaxText, kMaxBinary);
    WsFrameReader::Step step = reader.next(header.data(), header.size());
    QCOMPARE(step.status, Status::Failed);
    QCOMPARE(step.closeCode, CloseCode::TooLarge);

    // At the limit exactly it is read.
    QCOMPARE(failureOf(clientFrame(QByteArray(int(kMaxText), 'x'))).status, Status::Message);
    QCOMPARE(failureOf(clientFrame(QByteArray(int(kMaxText) + 1, 'x'), { 0x2 })).status,
        Status::Message);
}

void tst_WsFrameReader::refusesTooManyFragmentsTogether()
{
    QByteArray input;
    for (int i = 0; i < 10; ++i)
        input += clientFrame(QByteArray(int(kMaxText) / 10, 'x'), { quint8(i ? 0x0 : 0x1), false });
    input += clientFrame("!", { 0x0, true });
    const WsFrameReader::Step step = failureOf(input);
    QCOMPARE(step.status, Status::Failed);
    QCOMPARE(step.closeCode, CloseCode::TooLarge);
}

void tst_WsFrameReader::checksUtf8OfWholeMessages()
{
    const QByteArray euro = "\xe2\x82\xac"_ba;
    // A character split between fragments is whole in the message.
    WsFrameReader reader(kMaxText, kMaxBinary);
    const QList<WsFrameReader::Step> steps = readAll(
        reader, clientFrame(euro.first(1), { 0x1, false }) + clientFrame(euro.sliced(1), { 0x0 }));
    QCOMPARE(steps.size(), 1);
    QCOMPARE(steps[0].payload, euro);

    QCOMPARE(failureOf(clientFrame("\xff"_ba)).closeCode, CloseCode::InvalidPayload);
    QCOMPARE(failureOf(clientFrame(euro.first(2))).closeCode, CloseCode::InvalidPayload);
    QCOMPARE(failureOf(clientFrame("\xed\xa0\x80"_ba)).closeCode, CloseCode::InvalidPayload);
    QCOMPARE(
        failureOf(clientFrame(euro.first(1), { 0x1, false }) + clientFrame("x", { 0x0 })).closeCode,
        CloseCode::InvalidPayload);
    // Binary is not text.
    QCOMPARE(failureOf(clientFrame("\xff"_ba, { 0x2 })).status, Status::Message);
}

void tst_WsFrameReader::checksClosePayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("code"); // 0: accepted
    QTest::newRow("empty") << QByteArray() << 0;
    QTest::newRow("normal with reason") << closePayload(1000, "bye") << 0;
    QTest::newRow("application code") << closePayload(4000) << 0;
    QTest::newRow("one byte") << QByteArray("\x03") << int(CloseCode::ProtocolError);
    QTest::newRow("code 999") << closePayload(999) << int(CloseCode::ProtocolError);
    QTest::newRow("code 1005") << closePayload(1005) << int(CloseCode::ProtocolError);
    QTest::newRow("code 5000") << closePayload(5000) << int(CloseCode::ProtocolError);
    QTest::newRow("bad reason") << closePayload(1000, "\xc3") << int(CloseCode::InvalidPayload);
}

void tst_WsFrameReader::checksClosePayloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, code);
    const WsFrameReader::Step step = failureOf(clientFrame(payload, { 0x8 }));
    if (code == 0) {
        QCOMPARE(step.status, Status::Message);
        QCOMPARE(step.kind, Kind::Close);
        QCOMPARE(step.payload, payload);
    } else {
        QCOMPARE(step.status, Status::Failed);
        QCOMPARE(int(step.closeCode), code);
    }
}

QTEST_APPLESS_MAIN(tst_WsFrameReader)
#include "tst_wsframereader.moc"
