#pragma once

#include <QJsonObject>
#include <QString>

namespace Confab {

// A user as `findUsers` and presence describe them.
struct UserSummary {
    QString userId;
    QString username;
    QString displayName;
    bool online = false;
    qint64 lastSeen = 0;

    QJsonObject toJson() const;
    static UserSummary fromJson(const QJsonObject &json);
};

} // namespace Confab
