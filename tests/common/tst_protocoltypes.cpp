// Event, Room, RoomMember and UserSummary: their JSON form and the way back.

#include "protocol/event.h"
#include "protocol/room.h"
#include "protocol/usersummary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Confab::Event)
Q_DECLARE_METATYPE(Confab::Room)

namespace {

const QString kRoomId = u"ffeeddccbbaa99887766554433221100"_s;
const QString kAlice = u"00112233445566778899aabbccddeeff"_s;
const QString kBob = u"0123456789abcdef0123456789abcdef"_s;
const QString kAttachmentId = u"a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"_s;

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test data: %s", qPrintable(error.errorString()));
    return document.object();
}

QJsonObject attachment()
{
    return { { u"attachmentId"_s, kAttachmentId }, { u"name"_s, u"memo.ogg"_s },
        { u"mime"_s, u"audio/ogg"_s }, { u"size"_s, 48213 },
        { u"sha256"_s, u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s },
        { u"kind"_s, u"voice"_s }, { u"durationMs"_s, 4200 } };
}

Event message()
{
    Event event;
    event.roomId = kRoomId;
    event.seq = 813;
    event.ts = 1763800001234LL;
    event.kind = Event::Message;
    event.senderId = kAlice;
    event.clientMsgId = u"c-9f1"_s;
    event.text = u"hi"_s;
    return event;
}

// Compares every field, so a field that toJson or fromJson drops is noticed.
void compareEvents(const Event &actual, const Event &expected)
{
    QCOMPARE(actual.roomId, expected.roomId);
    QCOMPARE(actual.seq, expected.seq);
    QCOMPARE(actual.ts, expected.ts);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.senderId, expected.senderId);
    QCOMPARE(actual.clientMsgId, expected.clientMsgId);
    QCOMPARE(actual.text, expected.text);
    QCOMPARE(actual.attachment, expected.attachment);
    QCOMPARE(actual.replyTo, expected.replyTo);
    QCOMPARE(actual.userId, expected.userId);
    QCOMPARE(actual.byId, expected.byId);
    QCOMPARE(actual.name, expected.name);
}

void compareMembers(const RoomMember &actual, const RoomMember &expected)
{
    QCOMPARE(actual.userId, expected.userId);
    QCOMPARE(actual.username, expected.username);
    QCOMPARE(actual.displayName, expected.displayName);
    QCOMPARE(actual.role, expected.role);
    QCOMPARE(actual.online, expected.online);
    QCOMPARE(actual.lastSeen, expected.lastSeen);
    QCOMPARE(actual.deliveredSeq, expected.deliveredSeq);
    QCOMPARE(actual.readSeq, expected.readSeq);
}

void compareRooms(const Room &actual, const Room &expected)
{
    QCOMPARE(actual.roomId, expected.roomId);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.name, expected.name);
    QCOMPARE(actual.ownerId, expected.ownerId);
    QCOMPARE(actual.lastSeq, expected.lastSeq);
    QCOMPARE(actual.readSeq, expected.readSeq);
    QCOMPARE(actual.unread, expected.unread);
    QCOMPARE(actual.lastEvent.has_value(), expected.lastEvent.has_value());
    if (expected.lastEvent) {
        compareEvents(*actual.lastEvent, *expected.lastEvent);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(actual.members.size(), expected.members.size());
    for (qsizetype i = 0; i < expected.members.size(); ++i) {
        compareMembers(actual.members.at(i), expected.members.at(i));
        if (QTest::currentTestFailed())
            return;
    }
}

} // namespace

class TestProtocolTypes : public QObject {
    Q_OBJECT

private slots:
    void eventJson_data();
    void eventJson();
    void eventFromInvalidJson_data();
    void eventFromInvalidJson();
    void roomJson_data();
    void roomJson();
    void roomFromInvalidJson_data();
    void roomFromInvalidJson();
    void roomMemberRoundTrip();
    void userSummaryJson_data();
    void userSummaryJson();
};

void TestProtocolTypes::eventJson_data()
{
    QTest::addColumn<Event>("event");
    QTest::addColumn<QJsonObject>("json");

    QTest::addRow("text message")
        << message()
        << parse(R"({"roomId":"ffeeddccbbaa99887766554433221100","seq":813,"ts":1763800001234,
                     "kind":"message","senderId":"00112233445566778899aabbccddeeff",
                     "clientMsgId":"c-9f1","text":"hi"})");

    Event reply = message();
    reply.attachment = attachment();
    reply.replyTo = 790;
    QJsonObject replyJson
        = parse(R"({"roomId":"ffeeddccbbaa99887766554433221100","seq":813,"ts":1763800001234,
                    "kind":"message","senderId":"00112233445566778899aabbccddeeff",
                    "clientMsgId":"c-9f1","text":"hi","replyTo":790})");
    replyJson.insert(u"attachment"_s, attachment());
    QTest::addRow("message with attachment and reply") << reply << replyJson;

    Event voice = message();
    voice.text.clear();
    voice.attachment = attachment();
    QJsonObject voiceJson
        = parse(R"({"roomId":"ffeeddccbbaa99887766554433221100","seq":813,"ts":1763800001234,
                    "kind":"message","senderId":"00112233445566778899aabbccddeeff",
                    "clientMsgId":"c-9f1","text":""})");
    voiceJson.insert(u"attachment"_s, attachment());
    QTest::addRow("attachment without text") << voice << voiceJson;

    Event unicode = message();
    unicode.text = u"h\u00e9 \u4f60\u597d \U0001F600\nline two"_s;
    QJsonObject unicodeJson = message().toJson();
    unicodeJson.insert(u"text"_s, unicode.text);
    QTest::addRow("non-ASCII text") << unicode << unicodeJson;

    Event joined;
    joined.roomId = kRoomId;
    joined.seq = 2;
    joined.ts = 1763800000000LL;
    joined.kind = Event::MemberJoined;
    joined.userId = kBob;
    joined.byId = kAlice;
    QTest::addRow("memberJoined")
        << joined
        << parse(R"({"roomId":"ffeeddccbbaa99887766554433221100","seq":2,"ts":1763800000000,
                     "kind":"memberJoined","userId":"0123456789abcdef0123456789abcdef",
                     "byId":"00112233445566778899aabbccddeeff"})");

    Event left = joined;
    left.seq = 3;
    left.kind = Event::MemberLeft;
    left.byId = kBob; // left by themselves
    QTest::addRow("memberLeft")
        << left << parse(R"({"roomId":"ffeeddccbbaa99887766554433221100","seq":3,"ts":1763800000000,
                     "kind":"memberLeft","userId":"0123456789abcdef0123456789abcdef",
                     "byId":"0123456789abcdef0123456789abcdef"})");

    Event renamed;
    renamed.roomId = kRoomId;
    renamed.seq = 4;
    renamed.ts = 1763800000500LL;
    renamed.kind = Event::RoomRenamed;
    renamed.byId = kAlice;
    renamed.name = u"Core team"_s;
    QTest::addRow("roomRenamed")
        << renamed
        << parse(R"({"roomId":"ffeeddccbbaa99887766554433221100","seq":4,"ts":1763800000500,
                     "kind":"roomRenamed","byId":"00112233445566778899aabbccddeeff",
                     "name":"Core team"})");

    Event late = message();
    late.seq = 9007199254740991LL; // 2^53 - 1, the largest integer JSON numbers hold exactly
    late.ts = 4102444800000LL; // 2100-01-01
    QJsonObject lateJson = message().toJson();
    lateJson.insert(u"seq"_s, 9007199254740991LL);
    lateJson.insert(u"ts"_s, 4102444800000LL);
    QTest::addRow("large seq and ts") << late << lateJson;
}

void TestProtocolTypes::eventJson()
{
    QFETCH(Event, event);
    QFETCH(QJsonObject, json);

    QCOMPARE(event.toJson(), json);

    const std::optional<Event> parsed = Event::fromJson(json);
    QVERIFY(parsed);
    compareEvents(*parsed, event);
    if (QTest::currentTestFailed())
        return;

    // Through the wire and back.
    const QByteArray bytes = QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
    const std::optional<Event> back = Event::fromJson(QJsonDocument::fromJson(bytes).object());
    QVERIFY(back);
    compareEvents(*back, event);
}

void TestProtocolTypes::eventFromInvalidJson_data()
{
    QTest::addColumn<QJsonObject>("json");

    const QJsonObject valid = message().toJson();
    auto without = [&valid](const QString &key) {
        QJsonObject json = valid;
        json.remove(key);
        return json;
    };
    auto with = [&valid](const QString &key, const QJsonValue &value) {
        QJsonObject json = valid;
        json.insert(key, value);
        return json;
    };
    QTest::addRow("empty") << QJsonObject();
    QTest::addRow("no roomId") << without(u"roomId"_s);
    QTest::addRow("no seq") << without(u"seq"_s);
    QTest::addRow("no kind") << without(u"kind"_s);
    QTest::addRow("roomId a number") << with(u"roomId"_s, 5);
    QTest::addRow("seq a string") << with(u"seq"_s, u"813"_s);
    QTest::addRow("kind null") << with(u"kind"_s, QJsonValue::Null);
}

void TestProtocolTypes::eventFromInvalidJson()
{
    QFETCH(QJsonObject, json);
    QVERIFY(!Event::fromJson(json));
}

void TestProtocolTypes::roomJson_data()
{
    QTest::addColumn<Room>("room");
    QTest::addColumn<QJsonObject>("json");

    RoomMember owner { kAlice, u"alice"_s, u"Alice"_s, u"owner"_s, true, 1763800000000LL, 812,
        805 };
    RoomMember member { kBob, u"bob"_s, u"Bob"_s, u"member"_s, false, 1763700000000LL, 800, 790 };

    Room group;
    group.roomId = kRoomId;
    group.kind = Room::Group;
    group.name = u"Team"_s;
    group.ownerId = kAlice;
    group.lastSeq = 812;
    group.readSeq = 800;
    group.unread = 7;
    group.lastEvent = message();
    group.lastEvent->seq = 812;
    group.members = { owner, member };
    QJsonObject groupJson = parse(R"({
        "roomId":"ffeeddccbbaa99887766554433221100","kind":"group","name":"Team",
        "ownerId":"00112233445566778899aabbccddeeff","lastSeq":812,"readSeq":800,"unread":7,
        "members":[
          {"userId":"00112233445566778899aabbccddeeff","username":"alice","displayName":"Alice",
           "role":"owner","online":true,"lastSeen":1763800000000,"deliveredSeq":812,
           "readSeq":805},
          {"userId":"0123456789abcdef0123456789abcdef","username":"bob","displayName":"Bob",
           "role":"member","online":false,"lastSeen":1763700000000,"deliveredSeq":800,
           "readSeq":790}]})");
    groupJson.insert(u"lastEvent"_s, group.lastEvent->toJson());
    QTest::addRow("group") << group << groupJson;

    // A direct room has no owner; it is named after the other member.
    Room direct;
    direct.roomId = kRoomId;
    direct.kind = Room::Direct;
    direct.name = u"Bob"_s;
    owner.role = u"member"_s;
    direct.members = { owner, member };
    const QJsonObject directJson = parse(R"({
        "roomId":"ffeeddccbbaa99887766554433221100","kind":"direct","name":"Bob",
        "lastSeq":0,"readSeq":0,"unread":0,
        "members":[
          {"userId":"00112233445566778899aabbccddeeff","username":"alice","displayName":"Alice",
           "role":"member","online":true,"lastSeen":1763800000000,"deliveredSeq":812,
           "readSeq":805},
          {"userId":"0123456789abcdef0123456789abcdef","username":"bob","displayName":"Bob",
           "role":"member","online":false,"lastSeen":1763700000000,"deliveredSeq":800,
           "readSeq":790}]})");
    QTest::addRow("empty direct room") << direct << directJson;

    Room bare;
    bare.roomId = kRoomId;
    bare.kind = Room::Group;
    bare.name = u"Nobody here"_s;
    bare.ownerId = kAlice;
    QTest::addRow("no members")
        << bare << parse(R"({"roomId":"ffeeddccbbaa99887766554433221100","kind":"group",
                     "name":"Nobody here","ownerId":"00112233445566778899aabbccddeeff",
                     "lastSeq":0,"readSeq":0,"unread":0,"members":[]})");
}

void TestProtocolTypes::roomJson()
{
    QFETCH(Room, room);
    QFETCH(QJsonObject, json);

    QCOMPARE(room.toJson(), json);
    QCOMPARE(room.toJson().contains(u"ownerId"_s), room.kind == Room::Group);
    QCOMPARE(room.toJson().contains(u"lastEvent"_s), room.lastEvent.has_value());

    const std::optional<Room> parsed = Room::fromJson(json);
    QVERIFY(parsed);
    compareRooms(*parsed, room);
    if (QTest::currentTestFailed())
        return;

    const QByteArray bytes = QJsonDocument(room.toJson()).toJson(QJsonDocument::Compact);
    const std::optional<Room> back = Room::fromJson(QJsonDocument::fromJson(bytes).object());
    QVERIFY(back);
    compareRooms(*back, room);
}

void TestProtocolTypes::roomFromInvalidJson_data()
{
    QTest::addColumn<QJsonObject>("json");

    QTest::addRow("empty") << QJsonObject();
    QTest::addRow("no roomId") << QJsonObject { { u"kind"_s, u"group"_s } };
    QTest::addRow("no kind") << QJsonObject { { u"roomId"_s, kRoomId } };
    QTest::addRow("roomId a number")
        << QJsonObject { { u"roomId"_s, 1 }, { u"kind"_s, u"group"_s } };
    QTest::addRow("kind an array")
        << QJsonObject { { u"roomId"_s, kRoomId }, { u"kind"_s, QJsonArray() } };
}

void TestProtocolTypes::roomFromInvalidJson()
{
    QFETCH(QJsonObject, json);
    QVERIFY(!Room::fromJson(json));
}

void TestProtocolTypes::roomMemberRoundTrip()
{
    const RoomMember member { kBob, u"bob"_s, u"B\u00f6b"_s, u"member"_s, true, 1763800000000LL, 42,
        40 };
    const QJsonObject json = member.toJson();
    QCOMPARE(json.size(), 8);
    QCOMPARE(json.value(u"role"_s).toString(), u"member"_s);
    QCOMPARE(json.value(u"online"_s), QJsonValue(true));
    compareMembers(RoomMember::fromJson(json), member);
}

void TestProtocolTypes::userSummaryJson_data()
{
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<bool>("online");
    QTest::addColumn<qint64>("lastSeen");

    QTest::addRow("online") << kAlice << u"alice"_s << u"Alice"_s << true << 1763800000000LL;
    QTest::addRow("offline") << kBob << u"bob"_s << u"Bob \u00e9"_s << false << 1763700000000LL;
    QTest::addRow("never seen") << kBob << u"bob"_s << u"bob"_s << false << 0LL;
}

void TestProtocolTypes::userSummaryJson()
{
    QFETCH(QString, userId);
    QFETCH(QString, username);
    QFETCH(QString, displayName);
    QFETCH(bool, online);
    QFETCH(qint64, lastSeen);

    const UserSummary user { userId, username, displayName, online, lastSeen };
    const QJsonObject expected { { u"userId"_s, userId }, { u"username"_s, username },
        { u"displayName"_s, displayName }, { u"online"_s, online }, { u"lastSeen"_s, lastSeen } };
    QCOMPARE(user.toJson(), expected);

    const UserSummary back = UserSummary::fromJson(expected);
    QCOMPARE(back.userId, userId);
    QCOMPARE(back.username, username);
    QCOMPARE(back.displayName, displayName);
    QCOMPARE(back.online, online);
    QCOMPARE(back.lastSeen, lastSeen);
}

QTEST_GUILESS_MAIN(TestProtocolTypes)
#include "tst_protocoltypes.moc"
