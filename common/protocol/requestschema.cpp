#include "protocol/requestschema.h"

#include "protocol/limits.h"

#include <limits>

namespace Confab {
namespace {

using namespace Qt::StringLiterals;

// limit fields accept any integer: out-of-range values are clamped, not refused.
constexpr qint64 kAnyInteger = std::numeric_limits<qint64>::min();

FieldSpec str(QLatin1StringView name, bool required = true, qsizetype maxLength = 0)
{
    return { name, FieldKind::String, required, 0, maxLength };
}
FieldSpec id(QLatin1StringView name, bool required = true)
{
    return { name, FieldKind::Id, required, 0, 0 };
}
FieldSpec integer(QLatin1StringView name, bool required, qint64 minimum)
{
    return { name, FieldKind::Integer, required, minimum, 0 };
}

QList<RequestSchema> buildSchemas()
{
    // Text fields are bounded here only where a longer value can never be valid; the
    // handlers check the rules that have their own error codes (username, password, text).
    return {
        { "ping"_L1, false, {} },
        { "register"_L1, false,
            { str("username"_L1), str("password"_L1), str("displayName"_L1, false),
                str("device"_L1, false, 128) } },
        { "login"_L1, false,
            { str("username"_L1), str("password"_L1), str("device"_L1, false, 128) } },
        { "resume"_L1, false, { str("token"_L1, true, 128) } },
        { "logout"_L1, true, {} },
        { "listRooms"_L1, true, {} },
        { "openDirect"_L1, true, { id("userId"_L1) } },
        { "createGroup"_L1, true,
            { str("name"_L1), { "members"_L1, FieldKind::IdList, true, 0, 0 } } },
        { "addMembers"_L1, true,
            { id("roomId"_L1), { "userIds"_L1, FieldKind::IdList, true, 0, 0 } } },
        { "removeMember"_L1, true, { id("roomId"_L1), id("userId"_L1) } },
        { "renameRoom"_L1, true, { id("roomId"_L1), str("name"_L1) } },
        { "findUsers"_L1, true,
            { str("query"_L1, true, 64), integer("limit"_L1, false, kAnyInteger) } },
        { "block"_L1, true, { id("userId"_L1) } },
        { "unblock"_L1, true, { id("userId"_L1) } },
        { "send"_L1, true,
            { id("roomId"_L1), str("clientMsgId"_L1, true, Limits::MaxClientMsgIdLength),
                str("text"_L1, false), id("attachmentId"_L1, false),
                integer("replyTo"_L1, false, 1) } },
        { "history"_L1, true,
            { id("roomId"_L1), integer("before"_L1, false, 0), integer("after"_L1, false, 0),
                integer("limit"_L1, false, kAnyInteger) } },
        { "markDelivered"_L1, true, { id("roomId"_L1), integer("seq"_L1, true, 0) } },
        { "markRead"_L1, true, { id("roomId"_L1), integer("seq"_L1, true, 0) } },
        { "typing"_L1, true, { id("roomId"_L1), { "typing"_L1, FieldKind::Boolean, true, 0, 0 } } },
        { "uploadBegin"_L1, true,
            { str("name"_L1, true, 1024), str("mime"_L1, true, 255), integer("size"_L1, true, 0),
                { "sha256"_L1, FieldKind::Sha256, true, 0, 0 }, str("kind"_L1, true, 16),
                integer("durationMs"_L1, false, 0) } },
        { "download"_L1, true, { id("attachmentId"_L1), integer("offset"_L1, false, 0) } },
    };
}

} // namespace

const QList<RequestSchema> &allRequestSchemas()
{
    static const QList<RequestSchema> schemas = buildSchemas();
    return schemas;
}

std::optional<RequestSchema> requestSchema(QLatin1StringView type)
{
    for (const RequestSchema &schema : allRequestSchemas()) {
        if (schema.type == type)
            return schema;
    }
    return std::nullopt;
}

} // namespace Confab
