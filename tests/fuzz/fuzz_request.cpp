// libFuzzer target: the request decoder and the schema validation of every request type.
#include "protocol/codec.h"
#include "protocol/requestschema.h"

#include <QByteArray>
#include <QJsonDocument>

#include <cstdint>

using namespace Confab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const Codec::Decoded decoded = Codec::decodeRequest(frame);
    if (!decoded.error) {
        // What handlers read of a valid request must be readable whatever its values.
        const Request &request = decoded.request;
        const QByteArray type = request.type.toLatin1();
        const std::optional<RequestSchema> schema = requestSchema(QLatin1StringView(type));
        for (const FieldSpec &field : schema->fields) {
            (void)request.string(field.name);
            (void)request.integer(field.name);
            (void)request.strings(field.name);
        }
    }
    // The same body against every schema: validation never trusts a type's own fields.
    const QJsonDocument document = QJsonDocument::fromJson(frame);
    if (document.isObject()) {
        for (const RequestSchema &schema : allRequestSchemas())
            (void)Codec::validateFields(QString(schema.type), document.object());
    }
    return 0;
}
