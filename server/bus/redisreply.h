#pragma once

#include <QByteArray>
#include <QList>

struct redisReply;

namespace Confab::Server {

// A Redis reply, copied out of hiredis's own (which it frees when the callback returns).
struct RedisReply {
    enum class Kind {
        Status, // +OK
        Error, // -ERR ...
        Integer,
        String,
        Nil,
        Array,
        Lost, // no reply: the connection closed before it came, or the command was not sent
    };

    Kind kind = Kind::Lost;
    QByteArray text; // Status, Error, String
    qint64 integer = 0;
    QList<RedisReply> elements; // Array

    static RedisReply from(const redisReply *reply);
    bool isError() const { return kind == Kind::Error || kind == Kind::Lost; }
};

} // namespace Confab::Server
