#include "protocolsteps.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace ProtocolSteps {

const QByteArray kLiftedLimits = "[limits]\nmax_connections_per_ip=1000\nsend_burst=100000\n"
                                 "send_per_second=100000\nrequest_burst=100000\n"
                                 "requests_per_second=100000\nmax_write_delay_ms=0\n";

QString outcome(const QJsonObject &frame)
{
    const QString type = frame.value("type"_L1).toString();
    if (type == "error"_L1)
        return type + u':' + frame.value("code"_L1).toString();
    return type.isEmpty() ? u"<nothing>"_s : type;
}

ClientPtr connectTo(const ServerProcess &server)
{
    auto client = std::make_unique<TestClient>();
    if (!client->open(server.url()))
        return nullptr;
    return client;
}

ClientPtr registeredClient(const ServerProcess &server, const QString &username)
{
    ClientPtr client = connectTo(server);
    if (!client)
        return nullptr;
    const QJsonObject reply = client->registerUser(username);
    if (outcome(reply) != "auth"_L1) {
        qWarning() << "register" << username << reply;
        return nullptr;
    }
    return client;
}

ClientPtr resumedClient(const ServerProcess &server, const QString &token)
{
    ClientPtr client = connectTo(server);
    if (!client)
        return nullptr;
    const QJsonObject reply = call(*client, u"resume"_s, { { "token"_L1, token } });
    if (outcome(reply) != "auth"_L1) {
        qWarning() << "resume" << reply;
        return nullptr;
    }
    return client;
}

QJsonObject call(TestClient &client, const QString &type, QJsonObject fields)
{
    fields.insert("type"_L1, type);
    return client.request(fields);
}

bool answersPing(TestClient &client)
{
    return outcome(call(client, u"ping"_s)) == "pong"_L1 && client.isOpen();
}

QString randomId()
{
    return QString::fromLatin1(QUuid::createUuid().toRfc4122().toHex());
}

int countOfType(TestClient &client, const QString &type)
{
    int count = 0;
    for (const QJsonObject &frame : std::as_const(client.frames())) {
        if (frame.value("type"_L1).toString() == type)
            ++count;
    }
    return count;
}

QString createGroup(TestClient &owner, const QString &name, const QStringList &members)
{
    const QJsonObject reply = call(owner, u"createGroup"_s,
        { { "name"_L1, name }, { "members"_L1, QJsonArray::fromStringList(members) } });
    if (outcome(reply) != "room"_L1)
        qWarning() << "createGroup" << reply;
    return reply.value("room"_L1).toObject().value("roomId"_L1).toString();
}

QString openDirect(TestClient &caller, const QString &peerId)
{
    const QJsonObject reply = call(caller, u"openDirect"_s, { { "userId"_L1, peerId } });
    if (outcome(reply) != "room"_L1)
        qWarning() << "openDirect" << reply;
    return reply.value("room"_L1).toObject().value("roomId"_L1).toString();
}

QJsonObject sendMessage(TestClient &client, const QString &roomId, const QString &text)
{
    return call(client, u"send"_s,
        { { "roomId"_L1, roomId }, { "clientMsgId"_L1, randomId() }, { "text"_L1, text } });
}

QJsonObject nextEvent(TestClient &client, const QString &roomId, int timeoutMs)
{
    const QJsonObject frame = client.waitFor(
        [&roomId](const QJsonObject &f) {
            return f.value("type"_L1).toString() == "event"_L1
                && f.value("event"_L1).toObject().value("roomId"_L1).toString() == roomId;
        },
        timeoutMs);
    return frame.value("event"_L1).toObject();
}

QJsonObject findRoom(const QJsonArray &rooms, const QString &roomId)
{
    for (const QJsonValue &room : rooms) {
        if (room.toObject().value("roomId"_L1).toString() == roomId)
            return room.toObject();
    }
    return {};
}

QJsonObject findRoom(TestClient &client, const QString &roomId)
{
    return findRoom(call(client, u"listRooms"_s).value("rooms"_L1).toArray(), roomId);
}

QJsonObject memberOf(const QJsonObject &room, const QString &userId)
{
    for (const QJsonValue &member : room.value("members"_L1).toArray()) {
        if (member.toObject().value("userId"_L1).toString() == userId)
            return member.toObject();
    }
    return {};
}

QStringList memberIds(const QJsonObject &room)
{
    QStringList ids;
    for (const QJsonValue &member : room.value("members"_L1).toArray())
        ids.append(member.toObject().value("userId"_L1).toString());
    ids.sort();
    return ids;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace ProtocolSteps
