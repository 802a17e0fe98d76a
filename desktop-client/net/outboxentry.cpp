#include "net/outboxentry.h"

namespace Confab {

using namespace Qt::StringLiterals;

QJsonObject OutboxEntry::toJson() const
{
    QJsonObject json { { "clientMsgId"_L1, clientMsgId }, { "roomId"_L1, roomId },
        { "text"_L1, text }, { "createdTs"_L1, createdTs } };
    if (replyTo > 0)
        json.insert("replyTo"_L1, replyTo);
    if (attachment) {
        json.insert("attachment"_L1, attachment->toJson());
        json.insert("localPath"_L1, localPath);
        json.insert("ownsFile"_L1, ownsFile);
    }
    if (!uploadError.isEmpty())
        json.insert("uploadError"_L1, uploadError);
    if (isFailed()) {
        json.insert("failedCode"_L1, failedCode);
        json.insert("failedMessage"_L1, failedMessage);
    }
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
    entry.attachment = Attachment::fromJson(json.value("attachment"_L1).toObject());
    entry.localPath = json.value("localPath"_L1).toString();
    entry.ownsFile = json.value("ownsFile"_L1).toBool();
    entry.uploadError = json.value("uploadError"_L1).toString();
    entry.failedCode = json.value("failedCode"_L1).toString();
    entry.failedMessage = json.value("failedMessage"_L1).toString();
    return entry;
}

} // namespace Confab
