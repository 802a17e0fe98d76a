#pragma once

#include "protocol/errorcode.h"
#include "protocol/request.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace Confab::Codec {

// The outcome of decoding one text frame. On error, `request.id` holds the request id
// when one could be read, so the error can echo it.
struct Decoded {
    Request request;
    std::optional<ProtocolError> error;
};

Decoded decodeRequest(const QByteArray &utf8);

// Checks `body` against the schema of its type; used by decodeRequest and by tests.
std::optional<ProtocolError> validateFields(const QString &type, const QJsonObject &body);

QByteArray encode(const QJsonObject &frame);
// `object` with one more member, `key`, whose value is JSON encoded already: a large value
// shared by many frames is encoded once.
QByteArray encodeWithRaw(
    const QJsonObject &object, QLatin1StringView key, const QByteArray &rawJson);

// {"type": type, "id": id, ...fields}; the id is left out when empty.
QJsonObject reply(const QString &type, const QString &id, QJsonObject fields = {});
QJsonObject push(const QString &type, QJsonObject fields = {});
QJsonObject error(
    const QString &id, ErrorCode code, const QString &message, QJsonObject extra = {});

} // namespace Confab::Codec
