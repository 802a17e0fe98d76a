#pragma once

#include <QLatin1StringView>
#include <QList>

#include <optional>

namespace Confab {

enum class FieldKind {
    String, // any string within maxLength (0 = unlimited)
    Id, // 32 lower-case hex chars
    IdList, // an array of ids (may be empty)
    Integer, // an integral number >= minimum
    Boolean,
    Sha256, // 64 lower-case hex chars
};

struct FieldSpec {
    QLatin1StringView name;
    FieldKind kind = FieldKind::String;
    bool required = true;
    qint64 minimum = 0; // Integer: smallest accepted value
    qsizetype maxLength = 0; // String: longest accepted value in chars, 0 = unlimited
};

// The fields each request type of protocol v1 carries; the codec validates against it.
struct RequestSchema {
    QLatin1StringView type;
    bool needsAuth = true;
    QList<FieldSpec> fields;
};

const QList<RequestSchema> &allRequestSchemas();
std::optional<RequestSchema> requestSchema(QLatin1StringView type);

} // namespace Confab
