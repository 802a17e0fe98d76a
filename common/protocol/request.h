#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Confab {

// A client request that passed the codec's validation: the fields its schema
// declares are present (when required) and of the declared type.
struct Request {
    QString type;
    QString id; // empty when the client gave none
    QJsonObject body;

    bool has(QLatin1StringView field) const { return body.contains(field); }
    QString string(QLatin1StringView field) const { return body.value(field).toString(); }
    qint64 integer(QLatin1StringView field, qint64 fallback = 0) const
    {
        const QJsonValue value = body.value(field);
        return value.isDouble() ? value.toInteger() : fallback;
    }
    bool boolean(QLatin1StringView field) const { return body.value(field).toBool(); }
    QStringList strings(QLatin1StringView field) const
    {
        QStringList out;
        const QJsonArray array = body.value(field).toArray();
        for (const QJsonValue &value : array)
            out.append(value.toString());
        return out;
    }
};

} // namespace Confab
