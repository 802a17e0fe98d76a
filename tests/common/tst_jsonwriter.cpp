// JsonWriter and the writeJson() of the protocol types: the text they write parses to exactly
// what toJson() builds, whatever the strings hold.

#include "protocol/jsonwriter.h"
#include "protocol/room.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <limits>

using namespace Confab;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Confab::Room)

class tst_JsonWriter : public QObject {
    Q_OBJECT
private slots:
    void roomsParseToWhatToJsonBuilds_data();
    void roomsParseToWhatToJsonBuilds();
    void aListOfRoomsIsOneArray();
    void stringsAreEscaped_data();
    void stringsAreEscaped();
    void numbersAtTheirLimits();
};

namespace {

QJsonValue parse(const QByteArray &json)
{
    QJsonParseError error;
    // Wrapped so that a bare value parses too.
    const QJsonDocument document = QJsonDocument::fromJson("[" + json + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "does not parse:" << error.errorString() << json;
    return document.array().first();
}

RoomMember member(const QString &name, bool online)
{
    return { u"00112233445566778899aabbccddeeff"_s, name.toLower(), name, u"member"_s, online,
        1764600000000, 7, 5 };
}

Event message(const QString &text)
{
    Event event;
    event.roomId = u"ffeeddccbbaa99887766554433221100"_s;
    event.seq = 42;
    event.ts = 1764600001234;
    event.kind = Event::Message;
    event.senderId = u"00112233445566778899aabbccddeeff"_s;
    event.clientMsgId = u"c-1"_s;
    event.text = text;
    return event;
}

} // namespace

void tst_JsonWriter::roomsParseToWhatToJsonBuilds_data()
{
    QTest::addColumn<Room>("room");

    Room group;
    group.roomId = u"ffeeddccbbaa99887766554433221100"_s;
    group.kind = Room::Group;
    group.name = u"Team \"Ops\" \\ 运维 🚀"_s;
    group.ownerId = u"00112233445566778899aabbccddeeff"_s;
    group.lastSeq = 42;
    group.readSeq = 40;
    group.unread = 2;
    group.members = { member(u"Alice"_s, true), member(u"Bob\nNewline"_s, false) };
    group.lastEvent = message(u"tab\there, bell\x07, quote \" and 你好吗"_s);
    QTest::addRow("group with a message") << group;

    Room withFile = group;
    Event file = message(QString());
    file.replyTo = 41;
    file.attachment = QJsonObject { { u"attachmentId"_s, u"a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"_s },
        { u"name"_s, u"memo \"1\".ogg"_s }, { u"mime"_s, u"audio/ogg"_s }, { u"size"_s, 48213 },
        { u"kind"_s, u"voice"_s }, { u"durationMs"_s, 4200 } };
    withFile.lastEvent = file;
    QTest::addRow("a voice message that replies") << withFile;

    Room joined = group;
    Event join;
    join.roomId = group.roomId;
    join.seq = 3;
    join.ts = 1764600000000;
    join.kind = Event::MemberJoined;
    join.userId = u"0123456789abcdef0123456789abcdef"_s;
    join.byId = group.ownerId;
    joined.lastEvent = join;
    QTest::addRow("membership event") << joined;

    Room direct;
    direct.roomId = group.roomId;
    direct.kind = Room::Direct;
    direct.name = u"Bob"_s;
    QTest::addRow("direct room, no members, no events") << direct;
}

void tst_JsonWriter::roomsParseToWhatToJsonBuilds()
{
    QFETCH(Room, room);
    JsonWriter out;
    room.writeJson(out);
    QCOMPARE(parse(out.take()).toObject(), room.toJson());
}

void tst_JsonWriter::aListOfRoomsIsOneArray()
{
    Room a;
    a.roomId = u"a"_s;
    a.kind = Room::Group;
    a.members = { member(u"Alice"_s, true) };
    Room b = a;
    b.roomId = u"b"_s;
    JsonWriter out;
    out.beginArray();
    a.writeJson(out);
    b.writeJson(out);
    out.endArray();
    const QByteArray text = out.take();
    QCOMPARE(parse(text).toArray(), QJsonArray({ a.toJson(), b.toJson() }));
    QVERIFY(!text.contains(' ')); // compact, as every frame is
}

void tst_JsonWriter::stringsAreEscaped_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("empty") << QString();
    QTest::addRow("quote and backslash") << u"\"\\\"\\\\"_s;
    QTest::addRow("every control character") << [] {
        QString all;
        for (char16_t c = 0; c < 0x20; ++c)
            all += QChar(c);
        return all;
    }();
    QTest::addRow("delete and above") << u"\x7f\u00e9\u20ac"_s;
    QTest::addRow("astral plane") << u"😀🏳️‍🌈"_s;
    QTest::addRow("slash is left alone") << u"a/b</script>"_s;
    QTest::addRow("plain ASCII") << u"6f1c0e4a9b2d4c7e8a1f3b5d7c9e2a40 hello"_s;
    QTest::addRow("ASCII, then a quote") << u"0123456789abcdef\"end"_s;
    QTest::addRow("ASCII, then beyond it") << u"0123456789abcdef\u00e9"_s;
}

void tst_JsonWriter::stringsAreEscaped()
{
    QFETCH(QString, text);
    JsonWriter out;
    out.beginObject().key("text"_L1).value(text).key("n"_L1).value(-7).endObject();
    const QByteArray json = out.take();
    const QJsonObject parsed = parse(json).toObject();
    QCOMPARE(parsed.value("text"_L1).toString(), text);
    QCOMPARE(parsed.value("n"_L1).toInteger(), -7);
    QCOMPARE(parsed.size(), 2);
    for (char c : json)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20, "a raw control byte in the output");
}

void tst_JsonWriter::numbersAtTheirLimits()
{
    JsonWriter out;
    out.beginArray();
    for (const qint64 number : { qint64(0), qint64(-1), qint64(1796234582950),
             std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min() })
        out.value(number);
    out.endArray();
    QCOMPARE(
        out.take(), QByteArray("[0,-1,1796234582950,9223372036854775807,-9223372036854775808]"));
}

QTEST_MAIN(tst_JsonWriter)
#include "tst_jsonwriter.moc"
