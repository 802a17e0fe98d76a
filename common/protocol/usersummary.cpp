#include "protocol/usersummary.h"

namespace Confab {

using namespace Qt::StringLiterals;

QJsonObject UserSummary::toJson() const
{
    return { { "userId"_L1, userId }, { "username"_L1, username },
        { "displayName"_L1, displayName }, { "online"_L1, online }, { "lastSeen"_L1, lastSeen } };
}

UserSummary UserSummary::fromJson(const QJsonObject &json)
{
    return { json.value("userId"_L1).toString(), json.value("username"_L1).toString(),
        json.value("displayName"_L1).toString(), json.value("online"_L1).toBool(),
        json.value("lastSeen"_L1).toInteger() };
}

} // namespace Confab
