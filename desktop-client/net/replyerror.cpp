#include "net/replyerror.h"

#include <QStringList>

namespace Confab::ReplyError {

using namespace Qt::StringLiterals;

QJsonObject make(const QString &id, const QString &code, const QString &message)
{
    QJsonObject frame { { "type"_L1, u"error"_s }, { "code"_L1, code }, { "message"_L1, message } };
    if (!id.isEmpty())
        frame.insert("id"_L1, id);
    return frame;
}

bool isError(const QJsonObject &reply)
{
    return reply.value("type"_L1).toString() == "error"_L1;
}

bool isPermanent(const QString &code)
{
    static const QStringList permanent { u"not_member"_s, u"too_large"_s, u"bad_request"_s,
        u"blocked"_s, u"not_found"_s, u"forbidden"_s };
    return permanent.contains(code);
}

} // namespace Confab::ReplyError
