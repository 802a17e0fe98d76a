#include "hostileframes.h"

#include "protocol/chunkframe.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kMaxText = 128 * 1024 - 8; // room for a replacement character
const QString kPassword = u"hostile password"_s;

const QByteArray kHandshake
    = "GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n"_ba;

// One valid request of each type of the protocol; the "@..." strings are filled in.
const QJsonArray kTemplates = QJsonDocument::fromJson(R"([{"type":"ping"},
{"type":"register","username":"@new","password":"@password","displayName":"@text","device":"@text"},
{"type":"login","username":"@name","password":"@password","device":"@text"},
{"type":"resume","token":"@token"}, {"type":"logout"}, {"type":"listRooms"},
{"type":"openDirect","userId":"@user"},
{"type":"createGroup","name":"@text","members":["@user","@user"]},
{"type":"addMembers","roomId":"@room","userIds":["@user"]},
{"type":"removeMember","roomId":"@room","userId":"@user"},
{"type":"renameRoom","roomId":"@room","name":"@text"},
{"type":"findUsers","query":"@text","limit":20},
{"type":"block","userId":"@user"}, {"type":"unblock","userId":"@user"},
{"type":"send","roomId":"@room","clientMsgId":"@new","text":"@text","replyTo":"@seq"},
{"type":"history","roomId":"@room","before":"@seq","after":"@seq","limit":50},
{"type":"markDelivered","roomId":"@room","seq":"@seq"},
{"type":"markRead","roomId":"@room","seq":"@seq"},
{"type":"typing","roomId":"@room","typing":true},
{"type":"uploadBegin","name":"@text","mime":"audio/ogg","size":"@size","sha256":"@sha",
 "kind":"voice","durationMs":900,"waveform":[0,128,255]},
{"type":"download","attachmentId":"@attachment","offset":0},
{"type":"editMessage","roomId":"@room","seq":"@seq","text":"@text"},
{"type":"deleteMessage","roomId":"@room","seq":"@seq"},
{"type":"react","roomId":"@room","seq":"@seq","emoji":"👍","add":true},
{"type":"search","query":"@text","roomId":"@room","cursor":"@text","limit":20},
{"type":"listSessions"}, {"type":"revokeSession","sessionId":"@hex"},
{"type":"changePassword","oldPassword":"@password","newPassword":"@password"}])")
                                  .array();
constexpr int kRegister = 1, kResume = 3, kLogout = 4; // indexes in kTemplates

QString capped(const QString &text)
{
    return text.size() * 3 <= kMaxText ? text : QString::fromUtf8(text.toUtf8().left(kMaxText));
}

} // namespace

HostileFrames::HostileFrames(quint32 seed)
    : m_rng(seed)
{
}

void HostileFrames::remember(QStringList &list, const QString &value)
{
    if (value.isEmpty() || list.contains(value))
        return;
    if (list.size() < 64)
        list.append(value);
    else
        list[below(64)] = value;
}

void HostileFrames::learn(const QJsonObject &frame, QStringList &uploadIds)
{
    const QString type = frame.value("type"_L1).toString();
    if (type == "auth"_L1) {
        remember(known.tokens, frame.value("token"_L1).toString());
        remember(known.userIds, frame.value("userId"_L1).toString());
        remember(known.names, frame.value("username"_L1).toString());
    } else if (type == "room"_L1 || type == "roomAdded"_L1) {
        remember(known.roomIds, frame.value("room"_L1)["roomId"_L1].toString());
    } else if (type == "uploadReady"_L1) {
        remember(uploadIds, frame.value("uploadId"_L1).toString());
    } else if (type == "uploaded"_L1) {
        remember(known.attachmentIds, frame.value("attachment"_L1)["attachmentId"_L1].toString());
    }
}

QString HostileFrames::signIn(bool resume, int serial)
{
    if (resume)
        return compact(QJsonObject { { "type"_L1, "resume"_L1 }, { "id"_L1, "signin"_L1 },
            { "token"_L1, pick(known.tokens, hexId()) } });
    return compact(QJsonObject { { "type"_L1, "register"_L1 }, { "id"_L1, "signin"_L1 },
        { "username"_L1, u"hostile_s%1"_s.arg(serial) }, { "password"_L1, kPassword } });
}

QString HostileFrames::hexId()
{
    return u"%1%2"_s.arg(m_rng.generate64(), 16, 16, QChar(u'0'))
        .arg(m_rng.generate64(), 16, 16, QChar(u'0'));
}

QString HostileFrames::compact(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    const QByteArray inArray = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(inArray.mid(1, inArray.size() - 2));
}

QJsonObject HostileFrames::validRequest(int serial, bool signIns)
{
    int index = below(int(kTemplates.size()));
    if (index == kLogout && chance(85)) // a logout ends a signed-in connection: fewer of those
        index = 0;
    if (!signIns && index >= kRegister && index <= kResume)
        index = 0;
    QJsonObject request = kTemplates.at(index).toObject();
    for (auto it = request.begin(); it != request.end(); ++it)
        it.value() = fill(it.value(), serial);
    request.insert("id"_L1, u"h%1"_s.arg(serial));
    return request;
}

QString HostileFrames::mutated(QJsonObject request)
{
    for (int round = below(3); round >= 0; --round) {
        const QString key = pick(request.keys(), u"type"_s);
        const int op = below(6);
        if (op == 0)
            request.remove(key);
        else if (op < 3)
            request.insert(key, op == 1 ? randomValue(2) : nastyValue());
        else if (op == 3)
            request.insert(text(), nastyValue());
        else if (op == 4)
            request.insert("id"_L1, chance(50) ? nastyValue() : QJsonValue(QString(65, u'i')));
        else
            request.insert("type"_L1, QString(request.value("type"_L1).toString() + text()));
    }
    QString serialized = compact(request);
    for (int flips = chance(30) ? 1 + below(6) : 0; flips > 0; --flips) {
        QChar &c = serialized[below(int(serialized.size()))];
        c = chance(50) ? QChar(char16_t(c.unicode() ^ (1 << below(16))))
                       : QChar(u"\"{}[],:\\ \0"[below(10)]);
    }
    if (chance(20))
        serialized.truncate(below(int(serialized.size()) + 1));
    return capped(serialized);
}

QString HostileFrames::randomJson()
{
    const int kind = below(4);
    return kind == 3 ? text() : capped(compact(randomValue(kind == 2 ? 1 : 4)));
}

QString HostileFrames::deepNesting()
{
    static const int depths[] = { 100, 1000, 1023, 1024, 1025, 5000, 10000, 30000, 60000 };
    static const QByteArrayList opens { "[", "{\"a\":", "[{\"k\":", "[\"x\"," };
    static const QByteArrayList closes { "]", "}", "}]", "]" };
    const int depth = depths[below(9)];
    const int style = below(4);
    QByteArray nested = opens.at(style).repeated(depth) + "1";
    if (chance(80))
        nested += closes.at(style).repeated(depth);
    if (chance(40)) {
        const QByteArray field = nested;
        nested = R"({"type":"send","id":"deep","clientMsgId":"d","roomId":")"
            + pick(known.roomIds, hexId()).toLatin1() + "\",\"text\":" + field + "}";
    }
    return QString::fromUtf8(nested.left(kMaxText));
}

QByteArray HostileFrames::binaryFrame(const QStringList &uploadIds)
{
    if (below(400) == 0) // around the limit, chunkSize + 24: half of them close with 1009
        return randomBytes(256 * 1024 + 20 + below(10));
    if (below(5) < 3)
        return randomBytes(below(2048));
    const qint64 offset = chance(50) ? 0 : qint64(m_rng.generate64() >> (1 + below(63)));
    return Confab::ChunkFrame::encode(pick(uploadIds, hexId()), offset, randomBytes(below(8192)));
}

QByteArray HostileFrames::rawOpening(RawMode mode)
{
    static const QByteArrayList badHttp { "GET / HTTP/1.1\r\nX-Long: " + QByteArray(60000, 'a'),
        "POST / HTTP/1.0\r\nContent-Length: 99999999\r\n\r\n", "\r\n\r\n\r\n\r\n",
        QByteArray(kHandshake).replace("Version: 13", "Version: 99"),
        "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
        "GET " + QByteArray(8000, '/') + " HTTP/1.1\r\n\r\n" };
    switch (mode) {
    case HalfHandshake:
        return kHandshake.left(1 + below(int(kHandshake.size()) - 4));
    case SlowLoris:
        return kHandshake.chopped(2); // then a byte at a time, and the header never ends
    case TcpJunk:
        return randomBytes(1 + below(8192));
    case BadHttp:
        return pick(badHttp);
    case JunkWithHandshake:
        return kHandshake + randomBytes(1 + below(4096));
    case BadFrame:
        break;
    }
    return kHandshake;
}

QByteArray HostileFrames::badFrame()
{
    // Client frames with a zero masking key, so that the payload reads as it is.
    static const QByteArrayList frames { "\x81\x82\0\0\0\0\xff\xfe"_ba, // not UTF-8
        "\x81\x0f{\"type\":\"ping\"}"_ba, // not masked
        "\x83\x80\0\0\0\0"_ba, // a reserved opcode
        "\xf1\x80\0\0\0\0"_ba, // reserved bits
        "\x80\x80\0\0\0\0"_ba, // a continuation of nothing
        "\x88\x82\0\0\0\0\x03\xe7"_ba, // close code 999
        "\x09\x80\0\0\0\0"_ba, // a fragmented ping
        "\x82\xff\x7f\xff\xff\xff\xff\xff\xff\xff\0\0\0\0"_ba, // 2^63 bytes announced
        "\x01\x88\0\0\0\0{\"type\":\x81\x87\0\0\0\0\"ping\"}"_ba }; // a text frame within one
    return pick(frames);
}

QString HostileFrames::rawModeName(RawMode mode)
{
    static const QStringList names { u"raw:halfHandshake"_s, u"raw:slowLoris"_s, u"raw:tcpJunk"_s,
        u"raw:badHttp"_s, u"raw:junkWithHandshake"_s, u"raw:badFrame"_s };
    return names.value(mode);
}

QString HostileFrames::describeReply(RawMode mode, const QByteArray &in)
{
    const QString prefix = rawModeName(mode) + u": "_s;
    const qsizetype close = in.indexOf(char(0x88), in.indexOf("\r\n\r\n"));
    if (in.startsWith("HTTP/1.1 101") && close > 0 && in.size() >= close + 4) {
        const bool masked = in[close + 1] & 0x80; // RFC 6455: a server must not mask
        const QByteArray code = in.mid(close + (masked ? 6 : 2), 2);
        const QByteArray key = masked ? in.mid(close + 2, 2) : QByteArray(2, 0);
        return prefix
            + u"close %1%2"_s.arg(quint8(code[0] ^ key[0]) << 8 | quint8(code[1] ^ key[1]))
                  .arg(masked ? u", masked"_s : QString());
    }
    const qsizetype lineEnd = in.indexOf('\r');
    return prefix + (lineEnd > 0 ? QString::fromLatin1(in.left(lineEnd)) : u"dropped"_s);
}

QByteArray HostileFrames::randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    std::generate(bytes.begin(), bytes.end(), [this] { return char(m_rng.generate()); });
    return bytes;
}

QString HostileFrames::text()
{
    static const QStringList words { u"type"_s, u"id"_s, u"roomId"_s, u"send"_s, u"seq"_s,
        u"héllo"_s, u"你好"_s, u"😀"_s, u"\u202e"_s, u"%s%n"_s, u"\\"_s, u"\""_s, u"null"_s,
        u"\u0301"_s, u"\ufeff"_s, u" "_s };
    QString result;
    for (int i = below(6); i > 0; --i)
        result += chance(70) ? pick(words) : QString(QChar(char16_t(0x20 + below(0xd000))));
    return result;
}

QJsonValue HostileFrames::fill(const QJsonValue &value, int serial)
{
    if (value.isArray()) {
        QJsonArray filled;
        for (const QJsonValue &entry : value.toArray())
            filled.append(fill(entry, serial));
        return filled;
    }
    const QString placeholder = value.toString();
    if (!placeholder.startsWith(u'@'))
        return value;
    if (placeholder == "@seq"_L1)
        return below(40);
    if (placeholder == "@size"_L1)
        return below(1 << 20);
    const QHash<QString, QString> values { { u"@room"_s, pick(known.roomIds, hexId()) },
        { u"@user"_s, pick(known.userIds, hexId()) }, { u"@token"_s, pick(known.tokens, hexId()) },
        { u"@name"_s, pick(known.names, text()) },
        { u"@attachment"_s, pick(known.attachmentIds, hexId()) },
        { u"@new"_s, u"hostile_%1"_s.arg(serial) }, { u"@password"_s, kPassword },
        { u"@sha"_s, hexId() + hexId() }, { u"@hex"_s, hexId() } };
    return values.value(placeholder, text());
}

QJsonValue HostileFrames::randomValue(int depth)
{
    const int kind = below(depth > 0 ? 7 : 5);
    if (kind < 5) {
        const QJsonValue scalars[]
            = { QJsonValue::Null, chance(50), text(), qint64(m_rng.generate64()) >> below(64),
                  (m_rng.generateDouble() - 0.5) * std::pow(10.0, below(330)) };
        return scalars[kind];
    }
    QJsonArray array;
    QJsonObject object;
    for (int i = below(6); i > 0; --i) {
        if (kind == 5)
            array.append(randomValue(depth - 1));
        else
            object.insert(text(), randomValue(depth - 1));
    }
    return kind == 5 ? QJsonValue(array) : QJsonValue(object);
}

QJsonValue HostileFrames::nastyValue()
{
    static const QJsonArray fixed = QJsonDocument::fromJson(R"([null, -1, 0, 1e308, -1e308,
        9007199254740993, -9.3e18, 0.5, true, "", "   ", "\u0000\u202e😀e\u0301\ufeff", "ALICE",
        "../../etc/passwd", "'; DROP TABLE users; --", "ffffffffffffffffffffffffffffffffff",
        "0000000000000000000000000000000", [], {}, {"$gt": ""}, [[[]]]])")
                                        .array();
    if (chance(10))
        return QString(1 + below(40000), QChar(char16_t(0x21 + below(0x3000))));
    if (chance(5))
        return QString(QChar(char16_t(0xd800 + below(0x800)))); // a lone surrogate
    return chance(15) ? randomValue(4) : fixed.at(below(int(fixed.size())));
}
