#include "net/outboxentry.h"

namespace Confab {

using namespace Qt::StringLiterals;

QJsonObject OutboxEntry::toJson() const
{
    QJsonObject json { { "clientMsgId"_L1, clientMsgId }, { "roomId"_L1, roomId },
        { "text"_L1, text }, { "createdTs"_L1, createdTs } };
    if (replyTo > 0)
        json.insert("replyTo"_L1, replyTo);
    return json;
}

OutboxEntry OutboxEntry::fromJson(const QJsonObject &json)
{
    OutboxEntry entry;
    entry.clientMsgId = json.value("clientMsgId"_L1).toString();
    entry.roomId = json.value("roomId"_L1).toString();
    entry.text = json.value("text"_L1).toString();
    entry.replyTo = json.value("replyTo"_L1).toInteger();
    entry.createdTs = json.value("createdTs"_L1).toInteger();
    return entry;
}

} // namespace Confab
