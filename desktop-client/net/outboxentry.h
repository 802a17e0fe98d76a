#pragma once

#include <QJsonObject>
#include <QString>

namespace Confab {

// A message the user wrote that the server has not acknowledged yet.
struct OutboxEntry {
    QString clientMsgId;
    QString roomId;
    QString text;
    qint64 replyTo = 0;
    qint64 createdTs = 0;

    QJsonObject toJson() const;
    static OutboxEntry fromJson(const QJsonObject &json);
};

} // namespace Confab
