#include "protocol/attachment.h"

namespace Confab {

using namespace Qt::StringLiterals;

QJsonObject Attachment::toJson() const
{
    QJsonObject json { { "name"_L1, name }, { "mime"_L1, mime }, { "size"_L1, size },
        { "sha256"_L1, sha256 }, { "kind"_L1, kind } };
    if (!attachmentId.isEmpty())
        json.insert("attachmentId"_L1, attachmentId);
    if (kind == Voice)
        json.insert("durationMs"_L1, durationMs);
    return json;
}

std::optional<Attachment> Attachment::fromJson(const QJsonObject &json)
{
    if (!json.value("name"_L1).isString() || !json.value("size"_L1).isDouble()
        || !json.value("kind"_L1).isString())
        return std::nullopt;
    Attachment attachment;
    attachment.attachmentId = json.value("attachmentId"_L1).toString();
    attachment.name = json.value("name"_L1).toString();
    attachment.mime = json.value("mime"_L1).toString();
    attachment.size = json.value("size"_L1).toInteger();
    attachment.sha256 = json.value("sha256"_L1).toString();
    attachment.kind = json.value("kind"_L1).toString();
    attachment.durationMs = json.value("durationMs"_L1).toInteger();
    return attachment;
}

} // namespace Confab
