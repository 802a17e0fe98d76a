// Decoding of client frames and the shapes of the frames the server builds.

#include "protocol/codec.h"
#include "protocol/errorcode.h"
#include "protocol/requestschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;

namespace {

const QString kUserId = u"00112233445566778899aabbccddeeff"_s;
const QString kOtherUserId = u"0123456789abcdef0123456789abcdef"_s;
const QString kRoomId = u"ffeeddccbbaa99887766554433221100"_s;
const QString kSha256 = u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s;

// One valid request of each type with every optional field present, as a client sends it.
const QList<std::pair<QString, QByteArray>> &fullRequests()
{
    static const QList<std::pair<QString, QByteArray>> requests {
        { u"ping"_s, R"({"type":"ping"})" },
        { u"register"_s,
            R"({"type":"register","username":"Alice","password":"correct horse","displayName":"Alice A."})" },
        { u"login"_s,
            R"({"type":"login","username":"alice","password":"correct horse","device":"laptop"})" },
        { u"resume"_s,
            R"({"type":"resume","token":"8f2c0c6c1d4e4b5fa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718"})" },
        { u"logout"_s, R"({"type":"logout"})" },
        { u"listRooms"_s, R"({"type":"listRooms"})" },
        { u"openDirect"_s, R"({"type":"openDirect","userId":"0123456789abcdef0123456789abcdef"})" },
        { u"createGroup"_s,
            R"({"type":"createGroup","name":"Team","members":["0123456789abcdef0123456789abcdef"]})" },
        { u"addMembers"_s,
            R"({"type":"addMembers","roomId":"ffeeddccbbaa99887766554433221100","userIds":["0123456789abcdef0123456789abcdef","00112233445566778899aabbccddeeff"]})" },
        { u"removeMember"_s,
            R"({"type":"removeMember","roomId":"ffeeddccbbaa99887766554433221100","userId":"0123456789abcdef0123456789abcdef"})" },
        { u"renameRoom"_s,
            R"({"type":"renameRoom","roomId":"ffeeddccbbaa99887766554433221100","name":"Core team"})" },
        { u"findUsers"_s, R"({"type":"findUsers","query":"bo","limit":10})" },
        { u"block"_s, R"({"type":"block","userId":"0123456789abcdef0123456789abcdef"})" },
        { u"unblock"_s, R"({"type":"unblock","userId":"0123456789abcdef0123456789abcdef"})" },
        { u"send"_s,
            R"({"type":"send","roomId":"ffeeddccbbaa99887766554433221100","clientMsgId":"c-1","text":"hi","attachmentId":"a0a1a2a3a4a5a6a7a8a9aaabacadaeaf","replyTo":790})" },
        { u"history"_s,
            R"({"type":"history","roomId":"ffeeddccbbaa99887766554433221100","before":900,"after":700,"limit":50})" },
        { u"markDelivered"_s,
            R"({"type":"markDelivered","roomId":"ffeeddccbbaa99887766554433221100","seq":812})" },
        { u"markRead"_s,
            R"({"type":"markRead","roomId":"ffeeddccbbaa99887766554433221100","seq":805})" },
        { u"typing"_s,
            R"({"type":"typing","roomId":"ffeeddccbbaa99887766554433221100","typing":true})" },
        { u"uploadBegin"_s,
            R"({"type":"uploadBegin","name":"memo.ogg","mime":"audio/ogg","size":48213,"sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","kind":"voice","durationMs":4200})" },
        { u"download"_s,
            R"({"type":"download","attachmentId":"a0a1a2a3a4a5a6a7a8a9aaabacadaeaf","offset":262144})" },
    };
    return requests;
}

// The fields protocol v1 requires, per request type; all others are optional.
const QHash<QString, QStringList> &requiredFields()
{
    static const QHash<QString, QStringList> fields {
        { u"ping"_s, {} },
        { u"register"_s, { u"username"_s, u"password"_s } },
        { u"login"_s, { u"username"_s, u"password"_s } },
        { u"resume"_s, { u"token"_s } },
        { u"logout"_s, {} },
        { u"listRooms"_s, {} },
        { u"openDirect"_s, { u"userId"_s } },
        { u"createGroup"_s, { u"name"_s, u"members"_s } },
        { u"addMembers"_s, { u"roomId"_s, u"userIds"_s } },
        { u"removeMember"_s, { u"roomId"_s, u"userId"_s } },
        { u"renameRoom"_s, { u"roomId"_s, u"name"_s } },
        { u"findUsers"_s, { u"query"_s } },
        { u"block"_s, { u"userId"_s } },
        { u"unblock"_s, { u"userId"_s } },
        { u"send"_s, { u"roomId"_s, u"clientMsgId"_s } },
        { u"history"_s, { u"roomId"_s } },
        { u"markDelivered"_s, { u"roomId"_s, u"seq"_s } },
        { u"markRead"_s, { u"roomId"_s, u"seq"_s } },
        { u"typing"_s, { u"roomId"_s, u"typing"_s } },
        { u"uploadBegin"_s, { u"name"_s, u"mime"_s, u"size"_s, u"sha256"_s, u"kind"_s } },
        { u"download"_s, { u"attachmentId"_s } },
    };
    return fields;
}

QJsonObject fullBody(const QString &type)
{
    for (const auto &[name, json] : fullRequests()) {
        if (name == type)
            return QJsonDocument::fromJson(json).object();
    }
    qFatal("no sample body for request type %s", qPrintable(type));
}

QByteArray toFrame(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// "ok" for a decoded request, else the wire name of the error code.
QString outcome(const Codec::Decoded &decoded)
{
    return decoded.error ? errorCodeName(decoded.error->code) : u"ok"_s;
}

QString repeated(QChar c, qsizetype count)
{
    return QString(count, c);
}

} // namespace

class TestCodec : public QObject {
    Q_OBJECT

private slots:
    void everyRequestTypeHasASample();
    void decodesValidRequest_data();
    void decodesValidRequest();
    void needsAuth_data();
    void needsAuth();
    void rejectsMalformedFrame_data();
    void rejectsMalformedFrame();
    void rejectsBadRequestId_data();
    void rejectsBadRequestId();
    void echoesRequestId_data();
    void echoesRequestId();
    void rejectsMissingField_data();
    void rejectsMissingField();
    void rejectsIllTypedField_data();
    void rejectsIllTypedField();
    void acceptsBoundaryValue_data();
    void acceptsBoundaryValue();
    void validateFieldsDirectly();
    void requestAccessors();
    void replyShape_data();
    void replyShape();
    void pushShape();
    void errorShape_data();
    void errorShape();
    void errorExtraFieldsAtTopLevel();
    void encodeIsCompactUtf8();
};

void TestCodec::everyRequestTypeHasASample()
{
    QSet<QString> schemaTypes;
    for (const RequestSchema &schema : allRequestSchemas())
        schemaTypes.insert(QString(schema.type));
    QSet<QString> sampleTypes;
    for (const auto &[type, json] : fullRequests())
        sampleTypes.insert(type);
    QCOMPARE(schemaTypes.size(), allRequestSchemas().size()); // no type listed twice
    QCOMPARE(sampleTypes, schemaTypes);
    QCOMPARE(QSet<QString>(requiredFields().keyBegin(), requiredFields().keyEnd()), schemaTypes);
}

void TestCodec::decodesValidRequest_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("frame");

    for (const auto &[type, json] : fullRequests()) {
        // With every optional field...
        QTest::addRow("%s/full", qPrintable(type)) << type << json;
        // ...and with the required ones only.
        QJsonObject minimal { { u"type"_s, type } };
        const QJsonObject full = QJsonDocument::fromJson(json).object();
        for (const QString &field : requiredFields().value(type))
            minimal.insert(field, full.value(field));
        QTest::addRow("%s/minimal", qPrintable(type)) << type << toFrame(minimal);
    }
    QTest::addRow("send/attachment only")
        << u"send"_s
        << QByteArray(
               R"({"type":"send","roomId":"ffeeddccbbaa99887766554433221100","clientMsgId":"c-2","attachmentId":"a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"})");
    QTest::addRow("createGroup/no other members")
        << u"createGroup"_s << QByteArray(R"({"type":"createGroup","name":"Solo","members":[]})");
    QTest::addRow("typing/false")
        << u"typing"_s
        << QByteArray(
               R"({"type":"typing","roomId":"ffeeddccbbaa99887766554433221100","typing":false})");
    QTest::addRow("unknown extra field is ignored")
        << u"ping"_s << QByteArray(R"({"type":"ping","x-trace":"abc"})");
    QTest::addRow("whitespace around the object")
        << u"ping"_s << QByteArray(" \n {\"type\" : \"ping\"} \n ");
    QTest::addRow("integer written with a fraction of zero")
        << u"markRead"_s
        << QByteArray(
               R"({"type":"markRead","roomId":"ffeeddccbbaa99887766554433221100","seq":5.0})");
}

void TestCodec::decodesValidRequest()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, frame);

    const Codec::Decoded decoded = Codec::decodeRequest(frame);
    QVERIFY2(!decoded.error, qPrintable(decoded.error ? decoded.error->message : QString()));
    QCOMPARE(decoded.request.type, type);
    QVERIFY(decoded.request.id.isEmpty());
    QCOMPARE(decoded.request.body, QJsonDocument::fromJson(frame).object());

    // The same request with an id decodes the same way and carries the id.
    QJsonObject withId = QJsonDocument::fromJson(frame).object();
    withId.insert(u"id"_s, QString(u"r-"_s + type));
    const Codec::Decoded decodedWithId = Codec::decodeRequest(toFrame(withId));
    QVERIFY(!decodedWithId.error);
    QCOMPARE(decodedWithId.request.type, type);
    QCOMPARE(decodedWithId.request.id, QString(u"r-"_s + type));
}

void TestCodec::needsAuth_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("needsAuth");

    const QStringList open { u"ping"_s, u"register"_s, u"login"_s, u"resume"_s };
    for (const auto &[type, json] : fullRequests())
        QTest::addRow("%s", qPrintable(type)) << type << !open.contains(type);
}

void TestCodec::needsAuth()
{
    QFETCH(QString, type);
    QFETCH(bool, needsAuth);

    const std::optional<RequestSchema> schema = requestSchema(QLatin1StringView(type.toLatin1()));
    QVERIFY(schema);
    QCOMPARE(schema->needsAuth, needsAuth);
}

void TestCodec::rejectsMalformedFrame_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");

    QTest::addRow("empty") << QByteArray() << u"bad_request"_s;
    QTest::addRow("not JSON") << QByteArray("hello") << u"bad_request"_s;
    QTest::addRow("truncated object") << QByteArray(R"({"type":"ping")") << u"bad_request"_s;
    QTest::addRow("trailing garbage") << QByteArray(R"({"type":"ping"} x)") << u"bad_request"_s;
    QTest::addRow("two objects") << QByteArray(R"({"type":"ping"}{"type":"ping"})")
                                 << u"bad_request"_s;
    QTest::addRow("invalid UTF-8")
        << QByteArray("{\"type\":\"ping\",\"x\":\"\xff\xfe\"}") << u"bad_request"_s;
    QTest::addRow("JSON array") << QByteArray(R"([{"type":"ping"}])") << u"bad_request"_s;
    QTest::addRow("empty array") << QByteArray("[]") << u"bad_request"_s;
    QTest::addRow("JSON string") << QByteArray(R"("ping")") << u"bad_request"_s;
    QTest::addRow("JSON number") << QByteArray("42") << u"bad_request"_s;
    QTest::addRow("JSON null") << QByteArray("null") << u"bad_request"_s;
    QTest::addRow("missing type") << QByteArray("{}") << u"bad_request"_s;
    QTest::addRow("missing type, other fields")
        << QByteArray(R"({"roomId":"x"})") << u"bad_request"_s;
    QTest::addRow("type is a number") << QByteArray(R"({"type":1})") << u"bad_request"_s;
    QTest::addRow("type is null") << QByteArray(R"({"type":null})") << u"bad_request"_s;
    QTest::addRow("type is an array") << QByteArray(R"({"type":["ping"]})") << u"bad_request"_s;
    QTest::addRow("type is an object")
        << QByteArray(R"({"type":{"name":"ping"}})") << u"bad_request"_s;
    QTest::addRow("type is a boolean") << QByteArray(R"({"type":true})") << u"bad_request"_s;
    QTest::addRow("unknown type") << QByteArray(R"({"type":"frobnicate"})") << u"unknown_type"_s;
    QTest::addRow("type differs in case") << QByteArray(R"({"type":"Ping"})") << u"unknown_type"_s;
    QTest::addRow("type with a space") << QByteArray(R"({"type":"ping "})") << u"unknown_type"_s;
    QTest::addRow("empty type") << QByteArray(R"({"type":""})") << u"unknown_type"_s;
    QTest::addRow("server-only type") << QByteArray(R"({"type":"auth"})") << u"unknown_type"_s;
    QTest::addRow("unknown type, non-Latin-1")
        << QByteArray(R"({"type":"p\u0131ng"})") << u"unknown_type"_s;
}

void TestCodec::rejectsMalformedFrame()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);

    const Codec::Decoded decoded = Codec::decodeRequest(frame);
    QCOMPARE(outcome(decoded), code);
    QVERIFY(!decoded.error->message.isEmpty());
    QVERIFY(decoded.request.id.isEmpty());
}

void TestCodec::rejectsBadRequestId_data()
{
    QTest::addColumn<QJsonValue>("id");

    QTest::addRow("empty") << QJsonValue(u""_s);
    QTest::addRow("65 chars") << QJsonValue(repeated(u'r', 65));
    QTest::addRow("1000 chars") << QJsonValue(repeated(u'r', 1000));
    QTest::addRow("number") << QJsonValue(42);
    QTest::addRow("boolean") << QJsonValue(true);
    QTest::addRow("null") << QJsonValue(QJsonValue::Null);
    QTest::addRow("array") << QJsonValue(QJsonArray { u"r1"_s });
    QTest::addRow("object") << QJsonValue(QJsonObject { { u"id"_s, u"r1"_s } });
}

void TestCodec::rejectsBadRequestId()
{
    QFETCH(QJsonValue, id);

    // A bad id makes any request a bad_request, also one that would otherwise be fine.
    for (const QString &type : { u"ping"_s, u"listRooms"_s, u"frobnicate"_s }) {
        const QJsonObject frame { { u"type"_s, type }, { u"id"_s, id } };
        const Codec::Decoded decoded = Codec::decodeRequest(toFrame(frame));
        QCOMPARE(outcome(decoded), u"bad_request"_s);
        QVERIFY(decoded.request.id.isEmpty());
    }
}

void TestCodec::echoesRequestId_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("code");

    QTest::addRow("valid request")
        << QByteArray(R"({"type":"ping","id":"r42"})") << u"r42"_s << u"ok"_s;
    QTest::addRow("id before type")
        << QByteArray(R"({"id":"r43","type":"listRooms"})") << u"r43"_s << u"ok"_s;
    QTest::addRow("1 char") << QByteArray(R"({"type":"ping","id":"a"})") << u"a"_s << u"ok"_s;
    QTest::addRow("64 chars") << toFrame(
        { { u"type"_s, u"ping"_s }, { u"id"_s, repeated(u'x', 64) } })
                              << repeated(u'x', 64) << u"ok"_s;
    QTest::addRow("any characters")
        << QByteArray(R"({"type":"ping","id":"r 1/\u00e9\ud83d\ude00"})")
        << QString(u"r 1/\u00e9" + QString::fromUtf8("\xf0\x9f\x98\x80")) << u"ok"_s;
    QTest::addRow("unknown type") << QByteArray(R"({"type":"frobnicate","id":"r44"})") << u"r44"_s
                                  << u"unknown_type"_s;
    QTest::addRow("missing type") << QByteArray(R"({"id":"r45"})") << u"r45"_s << u"bad_request"_s;
    QTest::addRow("type not a string")
        << QByteArray(R"({"type":7,"id":"r46"})") << u"r46"_s << u"bad_request"_s;
    QTest::addRow("missing field")
        << QByteArray(R"({"type":"openDirect","id":"r47"})") << u"r47"_s << u"bad_request"_s;
    QTest::addRow("bad field") << QByteArray(
        R"({"type":"openDirect","id":"r48","userId":"nobody"})")
                               << u"r48"_s << u"bad_request"_s;
}

void TestCodec::echoesRequestId()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, id);
    QFETCH(QString, code);

    const Codec::Decoded decoded = Codec::decodeRequest(frame);
    QCOMPARE(outcome(decoded), code);
    QCOMPARE(decoded.request.id, id);
}

void TestCodec::rejectsMissingField_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");

    for (const auto &[type, json] : fullRequests()) {
        for (const QString &field : requiredFields().value(type))
            QTest::addRow("%s/%s", qPrintable(type), qPrintable(field)) << type << field;
    }
}

void TestCodec::rejectsMissingField()
{
    QFETCH(QString, type);
    QFETCH(QString, field);

    QJsonObject body = fullBody(type);
    body.insert(u"id"_s, u"r1"_s);
    QVERIFY2(body.contains(field), "the sample lacks the field");
    body.remove(field);
    const Codec::Decoded decoded = Codec::decodeRequest(toFrame(body));
    QCOMPARE(outcome(decoded), u"bad_request"_s);
    QVERIFY2(decoded.error->message.contains(field), qPrintable(decoded.error->message));
    QCOMPARE(decoded.request.id, u"r1"_s);

    // null is not the same as a value.
    body.insert(field, QJsonValue::Null);
    QCOMPARE(outcome(Codec::decodeRequest(toFrame(body))), u"bad_request"_s);
}

void TestCodec::rejectsIllTypedField_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");

    const QJsonValue number(42);
    const QJsonValue boolean(true);
    const QJsonValue null(QJsonValue::Null);
    const QJsonValue array(QJsonArray { u"a"_s });
    const QJsonValue object(QJsonObject { { u"a"_s, 1 } });

    auto add
        = [](const char *what, const QString &type, const QString &field, const QJsonValue &value) {
              QTest::addRow("%s/%s: %s", qPrintable(type), qPrintable(field), what)
                  << type << field << value;
          };

    // Strings given as something else.
    const QList<std::pair<QString, QString>> stringFields {
        { u"register"_s, u"username"_s },
        { u"register"_s, u"password"_s },
        { u"register"_s, u"displayName"_s },
        { u"login"_s, u"username"_s },
        { u"login"_s, u"password"_s },
        { u"login"_s, u"device"_s },
        { u"resume"_s, u"token"_s },
        { u"createGroup"_s, u"name"_s },
        { u"renameRoom"_s, u"name"_s },
        { u"findUsers"_s, u"query"_s },
        { u"send"_s, u"clientMsgId"_s },
        { u"send"_s, u"text"_s },
        { u"uploadBegin"_s, u"name"_s },
        { u"uploadBegin"_s, u"mime"_s },
        { u"uploadBegin"_s, u"kind"_s },
    };
    for (const auto &[type, field] : stringFields) {
        add("number", type, field, number);
        add("boolean", type, field, boolean);
        add("array", type, field, array);
        add("object", type, field, object);
        // U+0000 anywhere in a string (PostgreSQL cannot store it).
        add("NUL", type, field, QString(u"ab"_s + QChar(u'\0') + u"cdefgh"_s));
    }

    // Over-long strings where the schema bounds them.
    add("129 chars", u"login"_s, u"device"_s, repeated(u'd', 129));
    add("129 chars", u"resume"_s, u"token"_s, repeated(u'a', 129));
    add("65 chars", u"findUsers"_s, u"query"_s, repeated(u'q', 65));
    add("65 chars", u"send"_s, u"clientMsgId"_s, repeated(u'c', 65));
    add("1025 chars", u"uploadBegin"_s, u"name"_s, repeated(u'n', 1025));
    add("256 chars", u"uploadBegin"_s, u"mime"_s, repeated(u'm', 256));
    add("17 chars", u"uploadBegin"_s, u"kind"_s, repeated(u'k', 17));

    // Ids that are not 32 lower-case hex characters.
    const QList<std::pair<QString, QString>> idFields {
        { u"openDirect"_s, u"userId"_s },
        { u"addMembers"_s, u"roomId"_s },
        { u"removeMember"_s, u"roomId"_s },
        { u"removeMember"_s, u"userId"_s },
        { u"renameRoom"_s, u"roomId"_s },
        { u"block"_s, u"userId"_s },
        { u"unblock"_s, u"userId"_s },
        { u"send"_s, u"roomId"_s },
        { u"send"_s, u"attachmentId"_s },
        { u"history"_s, u"roomId"_s },
        { u"markDelivered"_s, u"roomId"_s },
        { u"markRead"_s, u"roomId"_s },
        { u"typing"_s, u"roomId"_s },
        { u"download"_s, u"attachmentId"_s },
    };
    for (const auto &[type, field] : idFields) {
        add("upper case", type, field, kRoomId.toUpper());
        add("one upper-case letter", type, field, QString(u"F"_s + kRoomId.mid(1)));
        add("31 chars", type, field, kRoomId.left(31));
        add("33 chars", type, field, QString(kRoomId + u"0"_s));
        add("non-hex", type, field, QString(kRoomId.left(31) + u"g"_s));
        add("dashed uuid", type, field, u"ffeeddcc-bbaa-9988-7766-554433221100"_s);
        add("padded", type, field, QString(u" "_s + kRoomId.left(31)));
        add("empty", type, field, u""_s);
        add("number", type, field, number);
        add("array", type, field, QJsonArray { kRoomId });
    }

    // Id lists: not an array, or an array with one bad entry.
    for (const auto &[type, field] :
        { std::pair(u"createGroup"_s, u"members"_s), std::pair(u"addMembers"_s, u"userIds"_s) }) {
        add("a single id", type, field, kUserId);
        add("object", type, field, object);
        add("number", type, field, number);
        add("bad entry", type, field, QJsonArray { kUserId, u"nobody"_s });
        add("upper-case entry", type, field, QJsonArray { kUserId, kOtherUserId.toUpper() });
        add("numeric entry", type, field, QJsonArray { kUserId, 7 });
        add("null entry", type, field, QJsonArray { QJsonValue::Null });
        // Built by append: with braces, QJsonArray { QJsonArray {...} } may be taken as a copy.
        QJsonArray nested;
        nested.append(QJsonArray { kUserId });
        add("nested array", type, field, nested);
    }

    // Integers: fractions, strings, booleans and values below the minimum.
    const QList<std::pair<QString, QString>> integerFields {
        { u"findUsers"_s, u"limit"_s },
        { u"send"_s, u"replyTo"_s },
        { u"history"_s, u"before"_s },
        { u"history"_s, u"after"_s },
        { u"history"_s, u"limit"_s },
        { u"markDelivered"_s, u"seq"_s },
        { u"markRead"_s, u"seq"_s },
        { u"uploadBegin"_s, u"size"_s },
        { u"uploadBegin"_s, u"durationMs"_s },
        { u"download"_s, u"offset"_s },
    };
    for (const auto &[type, field] : integerFields) {
        add("1.5", type, field, 1.5);
        add("string", type, field, u"10"_s);
        add("boolean", type, field, boolean);
        add("array", type, field, QJsonArray { 1 });
        add("beyond 2^53", type, field, 1e300);
    }
    add("0 (minimum 1)", u"send"_s, u"replyTo"_s, 0);
    add("-1", u"history"_s, u"before"_s, -1);
    add("-1", u"history"_s, u"after"_s, -1);
    add("-1", u"markDelivered"_s, u"seq"_s, -1);
    add("-1", u"markRead"_s, u"seq"_s, -1);
    add("-1", u"uploadBegin"_s, u"size"_s, -1);
    add("-1", u"uploadBegin"_s, u"durationMs"_s, -1);
    add("-1", u"download"_s, u"offset"_s, -1);

    // Booleans given as something else.
    add("string \"true\"", u"typing"_s, u"typing"_s, u"true"_s);
    add("string \"false\"", u"typing"_s, u"typing"_s, u"false"_s);
    add("number 1", u"typing"_s, u"typing"_s, 1);
    add("number 0", u"typing"_s, u"typing"_s, 0);
    add("null", u"typing"_s, u"typing"_s, null);

    // sha256: 64 lower-case hex characters.
    add("upper case", u"uploadBegin"_s, u"sha256"_s, kSha256.toUpper());
    add("63 chars", u"uploadBegin"_s, u"sha256"_s, kSha256.left(63));
    add("65 chars", u"uploadBegin"_s, u"sha256"_s, QString(kSha256 + u"0"_s));
    add("non-hex", u"uploadBegin"_s, u"sha256"_s, QString(kSha256.left(63) + u"z"_s));
    add("an id", u"uploadBegin"_s, u"sha256"_s, kUserId);
    add("number", u"uploadBegin"_s, u"sha256"_s, number);

    // Optional fields given as null are ill-typed, not absent.
    add("null", u"register"_s, u"displayName"_s, null);
    add("null", u"send"_s, u"text"_s, null);
    add("null", u"send"_s, u"replyTo"_s, null);
    add("null", u"history"_s, u"limit"_s, null);
}

void TestCodec::rejectsIllTypedField()
{
    QFETCH(QString, type);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);

    QJsonObject body = fullBody(type);
    QVERIFY2(body.contains(field), "the sample lacks the field");
    body.insert(field, value);
    body.insert(u"id"_s, u"r9"_s);
    const Codec::Decoded decoded = Codec::decodeRequest(toFrame(body));
    QCOMPARE(outcome(decoded), u"bad_request"_s);
    QVERIFY2(decoded.error->message.contains(u"'"_s + field + u"'"_s),
        qPrintable(decoded.error->message));
    QCOMPARE(decoded.request.id, u"r9"_s);
}

void TestCodec::acceptsBoundaryValue_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");

    auto add
        = [](const char *what, const QString &type, const QString &field, const QJsonValue &value) {
              QTest::addRow("%s/%s: %s", qPrintable(type), qPrintable(field), what)
                  << type << field << value;
          };
    add("128 chars", u"login"_s, u"device"_s, repeated(u'd', 128));
    add("128 chars", u"resume"_s, u"token"_s, repeated(u'a', 128));
    add("64 chars", u"findUsers"_s, u"query"_s, repeated(u'q', 64));
    add("empty", u"findUsers"_s, u"query"_s, u""_s);
    add("64 chars", u"send"_s, u"clientMsgId"_s, repeated(u'c', 64));
    add("64 non-ASCII chars", u"send"_s, u"clientMsgId"_s, repeated(QChar(0xe9), 64));
    add("1024 chars", u"uploadBegin"_s, u"name"_s, repeated(u'n', 1024));
    add("255 chars", u"uploadBegin"_s, u"mime"_s, repeated(u'm', 255));
    add("16 chars", u"uploadBegin"_s, u"kind"_s, repeated(u'k', 16));
    // Limits are clamped by the server, never refused by the codec.
    add("0", u"findUsers"_s, u"limit"_s, 0);
    add("-5", u"findUsers"_s, u"limit"_s, -5);
    add("1000", u"findUsers"_s, u"limit"_s, 1000);
    add("0", u"history"_s, u"limit"_s, 0);
    add("-1", u"history"_s, u"limit"_s, -1);
    add("100000", u"history"_s, u"limit"_s, 100000);
    add("1", u"send"_s, u"replyTo"_s, 1);
    add("0", u"history"_s, u"before"_s, 0);
    add("0", u"history"_s, u"after"_s, 0);
    add("0", u"markDelivered"_s, u"seq"_s, 0);
    add("0", u"markRead"_s, u"seq"_s, 0);
    add("2^53 - 1", u"markRead"_s, u"seq"_s, 9007199254740991.0);
    add("0", u"uploadBegin"_s, u"size"_s, 0);
    add("0", u"download"_s, u"offset"_s, 0);
    add("long text", u"send"_s, u"text"_s, repeated(u't', 100000)); // too_large is the server's
    add("empty text", u"send"_s, u"text"_s, u""_s);
    add("1000 entries", u"addMembers"_s, u"userIds"_s, [] {
        QJsonArray ids;
        for (int i = 0; i < 1000; ++i)
            ids.append(QString(u"%1"_s).arg(i, 32, 16, QChar(u'0')));
        return ids;
    }());
    add("empty", u"addMembers"_s, u"userIds"_s, QJsonArray());
    add("false", u"typing"_s, u"typing"_s, false);
}

void TestCodec::acceptsBoundaryValue()
{
    QFETCH(QString, type);
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);

    QJsonObject body = fullBody(type);
    body.insert(field, value);
    const Codec::Decoded decoded = Codec::decodeRequest(toFrame(body));
    QVERIFY2(!decoded.error, qPrintable(decoded.error ? decoded.error->message : QString()));
    QCOMPARE(decoded.request.body.value(field), value);
}

void TestCodec::validateFieldsDirectly()
{
    const std::optional<ProtocolError> unknown = Codec::validateFields(u"nope"_s, {});
    QVERIFY(unknown);
    QCOMPARE(unknown->code, ErrorCode::UnknownType);
    QVERIFY(unknown->message.contains(u"nope"_s));

    QVERIFY(!Codec::validateFields(u"openDirect"_s, { { u"userId"_s, kUserId } }));
    const std::optional<ProtocolError> missing = Codec::validateFields(u"openDirect"_s, {});
    QVERIFY(missing);
    QCOMPARE(missing->code, ErrorCode::BadRequest);
}

void TestCodec::requestAccessors()
{
    const Codec::Decoded decoded = Codec::decodeRequest(
        R"({"type":"send","id":"r1","roomId":"ffeeddccbbaa99887766554433221100",)"
        R"("clientMsgId":"c-1","text":"hi","replyTo":790})");
    QVERIFY(!decoded.error);
    const Request &request = decoded.request;
    QVERIFY(request.has("roomId"_L1));
    QVERIFY(!request.has("attachmentId"_L1));
    QCOMPARE(request.string("roomId"_L1), kRoomId);
    QCOMPARE(request.string("text"_L1), u"hi"_s);
    QCOMPARE(request.integer("replyTo"_L1), 790);
    QCOMPARE(request.integer("missing"_L1, -3), -3);

    const Codec::Decoded group = Codec::decodeRequest(toFrame({ { u"type"_s, u"addMembers"_s },
        { u"roomId"_s, kRoomId }, { u"userIds"_s, QJsonArray { kUserId, kOtherUserId } } }));
    QVERIFY(!group.error);
    QCOMPARE(group.request.strings("userIds"_L1), QStringList({ kUserId, kOtherUserId }));

    const Codec::Decoded typing = Codec::decodeRequest(
        R"({"type":"typing","roomId":"ffeeddccbbaa99887766554433221100","typing":true})");
    QVERIFY(!typing.error);
    QCOMPARE(typing.request.boolean("typing"_L1), true);
}

void TestCodec::replyShape_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<QJsonObject>("expected");

    QTest::addRow("ok") << u"ok"_s << u"r1"_s << QJsonObject()
                        << QJsonObject { { u"type"_s, u"ok"_s }, { u"id"_s, u"r1"_s } };
    QTest::addRow("ok without id")
        << u"ok"_s << QString() << QJsonObject() << QJsonObject { { u"type"_s, u"ok"_s } };
    QTest::addRow("pong") << u"pong"_s << u"p"_s << QJsonObject()
                          << QJsonObject { { u"type"_s, u"pong"_s }, { u"id"_s, u"p"_s } };
    QTest::addRow("sent") << u"sent"_s << u"r2"_s
                          << QJsonObject { { u"clientMsgId"_s, u"c-1"_s }, { u"roomId"_s, kRoomId },
                                 { u"seq"_s, 813 }, { u"ts"_s, 1763800001234LL } }
                          << QJsonObject { { u"type"_s, u"sent"_s }, { u"id"_s, u"r2"_s },
                                 { u"clientMsgId"_s, u"c-1"_s }, { u"roomId"_s, kRoomId },
                                 { u"seq"_s, 813 }, { u"ts"_s, 1763800001234LL } };
    QTest::addRow("type in fields is overridden")
        << u"rooms"_s << u"r3"_s
        << QJsonObject { { u"type"_s, u"bogus"_s }, { u"rooms"_s, QJsonArray() } }
        << QJsonObject { { u"type"_s, u"rooms"_s }, { u"id"_s, u"r3"_s },
               { u"rooms"_s, QJsonArray() } };
}

void TestCodec::replyShape()
{
    QFETCH(QString, type);
    QFETCH(QString, id);
    QFETCH(QJsonObject, fields);
    QFETCH(QJsonObject, expected);

    QCOMPARE(Codec::reply(type, id, fields), expected);
}

void TestCodec::pushShape()
{
    const QJsonObject presence = Codec::push(u"presence"_s,
        { { u"userId"_s, kUserId }, { u"online"_s, true }, { u"lastSeen"_s, 1763800000000LL } });
    QCOMPARE(presence,
        QJsonObject({ { u"type"_s, u"presence"_s }, { u"userId"_s, kUserId }, { u"online"_s, true },
            { u"lastSeen"_s, 1763800000000LL } }));
    QVERIFY(!presence.contains(u"id"_s));
    QCOMPARE(Codec::push(u"roomRemoved"_s, { { u"roomId"_s, kRoomId } }),
        QJsonObject({ { u"type"_s, u"roomRemoved"_s }, { u"roomId"_s, kRoomId } }));
}

void TestCodec::errorShape_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("name");

    const QStringList names { u"bad_request"_s, u"unknown_type"_s, u"unauthenticated"_s,
        u"auth_failed"_s, u"invalid_token"_s, u"username_taken"_s, u"invalid_username"_s,
        u"weak_password"_s, u"registration_closed"_s, u"not_found"_s, u"not_member"_s,
        u"forbidden"_s, u"blocked"_s, u"too_large"_s, u"rate_limited"_s, u"checksum_mismatch"_s,
        u"internal"_s };
    for (int i = 0; i < names.size(); ++i)
        QTest::addRow("%s", qPrintable(names.at(i))) << i << names.at(i);
}

void TestCodec::errorShape()
{
    QFETCH(int, code);
    QFETCH(QString, name);

    const QJsonObject frame = Codec::error(u"r42"_s, static_cast<ErrorCode>(code), u"human text"_s);
    QCOMPARE(frame,
        QJsonObject({ { u"type"_s, u"error"_s }, { u"id"_s, u"r42"_s }, { u"code"_s, name },
            { u"message"_s, u"human text"_s } }));

    const QJsonObject withoutId
        = Codec::error(QString(), static_cast<ErrorCode>(code), u"human text"_s);
    QVERIFY(!withoutId.contains(u"id"_s));
    QCOMPARE(withoutId.value(u"code"_s).toString(), name);
}

void TestCodec::errorExtraFieldsAtTopLevel()
{
    const QJsonObject limited = Codec::error(u"r7"_s, ErrorCode::RateLimited, u"slow down"_s,
        { { u"retryAfterMs"_s, 1500 }, { u"clientMsgId"_s, u"c-9"_s } });
    QCOMPARE(limited,
        QJsonObject({ { u"type"_s, u"error"_s }, { u"id"_s, u"r7"_s },
            { u"code"_s, u"rate_limited"_s }, { u"message"_s, u"slow down"_s },
            { u"retryAfterMs"_s, 1500 }, { u"clientMsgId"_s, u"c-9"_s } }));

    // The extra fields cannot override what makes the frame an error.
    const QJsonObject clash = Codec::error(u"r8"_s, ErrorCode::NotFound, u"gone"_s,
        { { u"type"_s, u"sent"_s }, { u"code"_s, u"ok"_s }, { u"message"_s, u"x"_s } });
    QCOMPARE(clash.value(u"type"_s).toString(), u"error"_s);
    QCOMPARE(clash.value(u"code"_s).toString(), u"not_found"_s);
    QCOMPARE(clash.value(u"message"_s).toString(), u"gone"_s);
    QCOMPARE(clash.value(u"id"_s).toString(), u"r8"_s);
}

void TestCodec::encodeIsCompactUtf8()
{
    const QJsonObject frame = Codec::reply(u"history"_s, u"r1"_s,
        { { u"roomId"_s, kRoomId },
            { u"events"_s,
                QJsonArray { QJsonObject { { u"text"_s, u"h\u00e9 \u4f60\u597d"_s } } } },
            { u"hasMore"_s, false } });
    const QByteArray bytes = Codec::encode(frame);
    QVERIFY(!bytes.contains('\n'));
    QVERIFY(!bytes.contains(": "));
    QVERIFY(bytes.contains("h\xc3\xa9 \xe4\xbd\xa0\xe5\xa5\xbd")); // raw UTF-8, not escaped
    QJsonParseError parseError;
    const QJsonDocument back = QJsonDocument::fromJson(bytes, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(back.object(), frame);

    // What the server encodes, a client decodes (here a request-shaped frame).
    const Codec::Decoded decoded = Codec::decodeRequest(Codec::encode(
        { { u"type"_s, u"findUsers"_s }, { u"id"_s, u"r5"_s }, { u"query"_s, u"\u00e9"_s } }));
    QVERIFY(!decoded.error);
    QCOMPARE(decoded.request.string("query"_L1), u"\u00e9"_s);
}

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
