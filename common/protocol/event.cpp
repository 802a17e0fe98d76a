#include "protocol/event.h"

#include "protocol/jsonwriter.h"

namespace Confab {

using namespace Qt::StringLiterals;

QJsonObject Event::toJson() const
{
    QJsonObject json { { "roomId"_L1, roomId }, { "seq"_L1, seq }, { "ts"_L1, ts },
        { "kind"_L1, kind } };
    auto insertIfSet = [&json](QLatin1StringView key, const QString &value) {
        if (!value.isEmpty())
            json.insert(key, value);
    };
    insertIfSet("senderId"_L1, senderId);
    insertIfSet("clientMsgId"_L1, clientMsgId);
    if (isMessage())
        json.insert("text"_L1, text);
    if (!attachment.isEmpty())
        json.insert("attachment"_L1, attachment);
    if (replyTo > 0)
        json.insert("replyTo"_L1, replyTo);
    insertIfSet("userId"_L1, userId);
    insertIfSet("byId"_L1, byId);
    insertIfSet("name"_L1, name);
    return json;
}

void Event::writeJson(JsonWriter &out) const
{
    out.beginObject();
    out.key("roomId"_L1).value(roomId).key("seq"_L1).value(seq).key("ts"_L1).value(ts);
    out.key("kind"_L1).value(kind);
    auto writeIfSet = [&out](QLatin1StringView key, const QString &value) {
        if (!value.isEmpty())
            out.key(key).value(value);
    };
    writeIfSet("senderId"_L1, senderId);
    writeIfSet("clientMsgId"_L1, clientMsgId);
    if (isMessage())
        out.key("text"_L1).value(text);
    if (!attachment.isEmpty())
        out.key("attachment"_L1).value(attachment);
    if (replyTo > 0)
        out.key("replyTo"_L1).value(replyTo);
    writeIfSet("userId"_L1, userId);
    writeIfSet("byId"_L1, byId);
    writeIfSet("name"_L1, name);
    out.endObject();
}

std::optional<Event> Event::fromJson(const QJsonObject &json)
{
    if (!json.value("roomId"_L1).isString() || !json.value("seq"_L1).isDouble()
        || !json.value("kind"_L1).isString())
        return std::nullopt;
    Event event;
    event.roomId = json.value("roomId"_L1).toString();
    event.seq = json.value("seq"_L1).toInteger();
    event.ts = json.value("ts"_L1).toInteger();
    event.kind = json.value("kind"_L1).toString();
    event.senderId = json.value("senderId"_L1).toString();
    event.clientMsgId = json.value("clientMsgId"_L1).toString();
    event.text = json.value("text"_L1).toString();
    event.attachment = json.value("attachment"_L1).toObject();
    event.replyTo = json.value("replyTo"_L1).toInteger();
    event.userId = json.value("userId"_L1).toString();
    event.byId = json.value("byId"_L1).toString();
    event.name = json.value("name"_L1).toString();
    return event;
}

} // namespace Confab
