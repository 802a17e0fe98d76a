#include "bus/redisreply.h"

#include <hiredis/hiredis.h>

namespace Confab::Server {

RedisReply RedisReply::from(const redisReply *reply)
{
    RedisReply out;
    if (!reply)
        return out;
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        out.kind = Kind::Status;
        break;
    case REDIS_REPLY_ERROR:
        out.kind = Kind::Error;
        break;
    case REDIS_REPLY_INTEGER:
        out.kind = Kind::Integer;
        out.integer = reply->integer;
        return out;
    case REDIS_REPLY_STRING:
        out.kind = Kind::String;
        break;
    case REDIS_REPLY_ARRAY:
        out.kind = Kind::Array;
        out.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            out.elements.append(from(reply->element[i]));
        return out;
    default:
        out.kind = Kind::Nil;
        return out;
    }
    out.text = QByteArray(reply->str, qsizetype(reply->len));
    return out;
}

} // namespace Confab::Server
