#include "protocol/room.h"

#include "protocol/jsonwriter.h"

#include <QJsonArray>

namespace Confab {

using namespace Qt::StringLiterals;

QJsonObject RoomMember::toJson() const
{
    return { { "userId"_L1, userId }, { "username"_L1, username },
        { "displayName"_L1, displayName }, { "role"_L1, role }, { "online"_L1, online },
        { "lastSeen"_L1, lastSeen }, { "deliveredSeq"_L1, deliveredSeq },
        { "readSeq"_L1, readSeq } };
}

void RoomMember::writeJson(JsonWriter &out) const
{
    out.beginObject();
    out.key("userId"_L1).value(userId).key("username"_L1).value(username);
    out.key("displayName"_L1).value(displayName).key("role"_L1).value(role);
    out.key("online"_L1).value(online).key("lastSeen"_L1).value(lastSeen);
    out.key("deliveredSeq"_L1).value(deliveredSeq).key("readSeq"_L1).value(readSeq);
    out.endObject();
}

RoomMember RoomMember::fromJson(const QJsonObject &json)
{
    RoomMember member;
    member.userId = json.value("userId"_L1).toString();
    member.username = json.value("username"_L1).toString();
    member.displayName = json.value("displayName"_L1).toString();
    member.role = json.value("role"_L1).toString();
    member.online = json.value("online"_L1).toBool();
    member.lastSeen = json.value("lastSeen"_L1).toInteger();
    member.deliveredSeq = json.value("deliveredSeq"_L1).toInteger();
    member.readSeq = json.value("readSeq"_L1).toInteger();
    return member;
}

QJsonObject Room::toJson() const
{
    QJsonArray memberArray;
    for (const RoomMember &member : members)
        memberArray.append(member.toJson());
    QJsonObject json { { "roomId"_L1, roomId }, { "kind"_L1, kind }, { "name"_L1, name },
        { "lastSeq"_L1, lastSeq }, { "readSeq"_L1, readSeq }, { "unread"_L1, unread },
        { "members"_L1, memberArray } };
    if (!ownerId.isEmpty())
        json.insert("ownerId"_L1, ownerId);
    if (lastEvent)
        json.insert("lastEvent"_L1, lastEvent->toJson());
    return json;
}

void Room::writeJson(JsonWriter &out) const
{
    out.beginObject();
    out.key("roomId"_L1).value(roomId).key("kind"_L1).value(kind).key("name"_L1).value(name);
    out.key("lastSeq"_L1).value(lastSeq).key("readSeq"_L1).value(readSeq);
    out.key("unread"_L1).value(unread);
    out.key("members"_L1).beginArray();
    for (const RoomMember &member : members)
        member.writeJson(out);
    out.endArray();
    if (!ownerId.isEmpty())
        out.key("ownerId"_L1).value(ownerId);
    if (lastEvent) {
        out.key("lastEvent"_L1);
        lastEvent->writeJson(out);
    }
    out.endObject();
}

std::optional<Room> Room::fromJson(const QJsonObject &json)
{
    if (!json.value("roomId"_L1).isString() || !json.value("kind"_L1).isString())
        return std::nullopt;
    Room room;
    room.roomId = json.value("roomId"_L1).toString();
    room.kind = json.value("kind"_L1).toString();
    room.name = json.value("name"_L1).toString();
    room.ownerId = json.value("ownerId"_L1).toString();
    room.lastSeq = json.value("lastSeq"_L1).toInteger();
    room.readSeq = json.value("readSeq"_L1).toInteger();
    room.unread = json.value("unread"_L1).toInteger();
    if (json.contains("lastEvent"_L1))
        room.lastEvent = Event::fromJson(json.value("lastEvent"_L1).toObject());
    const QJsonArray memberArray = json.value("members"_L1).toArray();
    for (const QJsonValue &value : memberArray)
        room.members.append(RoomMember::fromJson(value.toObject()));
    return room;
}

} // namespace Confab
