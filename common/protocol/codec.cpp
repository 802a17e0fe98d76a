#include "protocol/codec.h"

#include "protocol/ids.h"
#include "protocol/limits.h"
#include "protocol/requestschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Confab::Codec {
namespace {

using namespace Qt::StringLiterals;

// Integers travel as JSON numbers; beyond 2^53 a double no longer holds them exactly.
constexpr double kMaxSafeInteger = 9007199254740991.0;

ProtocolError badRequest(const QString &message)
{
    return { ErrorCode::BadRequest, message };
}

bool isInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return std::isfinite(number) && std::trunc(number) == number
        && std::fabs(number) <= kMaxSafeInteger;
}

std::optional<ProtocolError> checkField(const FieldSpec &spec, const QJsonValue &value)
{
    const QString name = QString(spec.name);
    switch (spec.kind) {
    case FieldKind::String:
        if (!value.isString())
            return badRequest(u"field '"_s + name + u"' must be a string"_s);
        if (spec.maxLength > 0 && value.toString().size() > spec.maxLength)
            return badRequest(u"field '"_s + name + u"' is longer than "_s
                + QString::number(spec.maxLength) + u" characters"_s);
        // No text of the protocol has a use for it, and PostgreSQL cannot store it: refused
        // the same way on every backend.
        if (value.toString().contains(QChar(u'\0')))
            return badRequest(u"field '"_s + name + u"' must not contain U+0000"_s);
        return std::nullopt;
    case FieldKind::Id:
        if (!value.isString() || !isValidId(value.toString()))
            return badRequest(
                u"field '"_s + name + u"' must be a 32-character lower-case hex id"_s);
        return std::nullopt;
    case FieldKind::Sha256:
        if (!value.isString() || !isLowerHex(value.toString(), 64))
            return badRequest(u"field '"_s + name + u"' must be 64 lower-case hex characters"_s);
        return std::nullopt;
    case FieldKind::IdList: {
        if (!value.isArray())
            return badRequest(u"field '"_s + name + u"' must be an array of ids"_s);
        // How many a group may have is the server's setting (too_large); the frame size
        // bounds the list here.
        const QJsonArray array = value.toArray();
        for (const QJsonValue &entry : array) {
            if (!entry.isString() || !isValidId(entry.toString()))
                return badRequest(u"field '"_s + name + u"' must hold 32-character hex ids"_s);
        }
        return std::nullopt;
    }
    case FieldKind::Integer:
        if (!isInteger(value))
            return badRequest(u"field '"_s + name + u"' must be an integer"_s);
        if (value.toInteger() < spec.minimum)
            return badRequest(
                u"field '"_s + name + u"' must be at least "_s + QString::number(spec.minimum));
        return std::nullopt;
    case FieldKind::Boolean:
        if (!value.isBool())
            return badRequest(u"field '"_s + name + u"' must be true or false"_s);
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

std::optional<ProtocolError> validateFields(const QString &type, const QJsonObject &body)
{
    const std::optional<RequestSchema> schema = requestSchema(QLatin1StringView(type.toLatin1()));
    if (!schema)
        return ProtocolError { ErrorCode::UnknownType,
            u"unknown request type '"_s + type + u"'"_s };
    for (const FieldSpec &spec : schema->fields) {
        const QJsonValue value = body.value(spec.name);
        if (value.isUndefined()) {
            if (spec.required)
                return badRequest(u"missing field '"_s + QString(spec.name) + u"'"_s);
            continue;
        }
        if (auto problem = checkField(spec, value))
            return problem;
    }
    return std::nullopt;
}

Decoded decodeRequest(const QByteArray &utf8)
{
    Decoded out;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        out.error = badRequest(u"malformed JSON: "_s + parseError.errorString());
        return out;
    }
    if (!document.isObject()) {
        out.error = badRequest(u"a frame must be one JSON object"_s);
        return out;
    }
    const QJsonObject object = document.object();
    const QJsonValue idValue = object.value("id"_L1);
    if (!idValue.isUndefined()) {
        const QString id = idValue.toString();
        if (!idValue.isString() || id.isEmpty() || id.size() > Limits::MaxRequestIdLength) {
            out.error = badRequest(u"'id' must be a string of 1 to 64 characters"_s);
            return out;
        }
        out.request.id = id;
    }
    const QJsonValue typeValue = object.value("type"_L1);
    if (!typeValue.isString()) {
        out.error = badRequest(u"missing field 'type'"_s);
        return out;
    }
    out.request.type = typeValue.toString();
    out.request.body = object;
    out.error = validateFields(out.request.type, object);
    return out;
}

QByteArray encode(const QJsonObject &frame)
{
    return QJsonDocument(frame).toJson(QJsonDocument::Compact);
}

QByteArray encodeWithRaw(
    const QJsonObject &object, QLatin1StringView key, const QByteArray &rawJson)
{
    QByteArray json = encode(object);
    json.chop(1); // the closing brace
    if (!object.isEmpty())
        json += ',';
    json += '"' + QByteArray(key.data(), key.size()) + "\":" + rawJson + '}';
    return json;
}

QJsonObject reply(const QString &type, const QString &id, QJsonObject fields)
{
    fields.insert("type"_L1, type);
    if (!id.isEmpty())
        fields.insert("id"_L1, id);
    return fields;
}

QJsonObject push(const QString &type, QJsonObject fields)
{
    fields.insert("type"_L1, type);
    return fields;
}

QJsonObject error(const QString &id, ErrorCode code, const QString &message, QJsonObject extra)
{
    extra.insert("code"_L1, errorCodeName(code));
    extra.insert("message"_L1, message);
    return reply(u"error"_s, id, std::move(extra));
}

} // namespace Confab::Codec
