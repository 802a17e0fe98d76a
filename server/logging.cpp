#include "logging.h"

#include <QStringList>

Q_LOGGING_CATEGORY(lcNet, "confab.server.net")
Q_LOGGING_CATEGORY(lcStore, "confab.server.store")
Q_LOGGING_CATEGORY(lcAuth, "confab.server.auth")
Q_LOGGING_CATEGORY(lcChat, "confab.server.chat")
Q_LOGGING_CATEGORY(lcAdmin, "confab.server.admin")
Q_LOGGING_CATEGORY(lcBus, "confab.server.bus")

namespace Confab::Server {

using namespace Qt::StringLiterals;

bool setupLogging(const QString &level)
{
    static const QStringList levels { u"debug"_s, u"info"_s, u"warning"_s, u"error"_s };
    const qsizetype index = levels.indexOf(level.toLower());
    if (index < 0)
        return false;
    QString rules;
    for (qsizetype i = 0; i < levels.size() - 1; ++i) {
        // "critical" cannot be switched off; everything below the chosen level is.
        const bool enabled = i >= index;
        rules += u"confab.*."_s + levels.at(i) + (enabled ? u"=true\n"_s : u"=false\n"_s);
    }
    QLoggingCategory::setFilterRules(rules);
    qSetMessagePattern(u"%{time yyyy-MM-ddThh:mm:ss.zzz} "
                       "%{if-debug}debug%{endif}%{if-info}info%{endif}%{if-warning}warning%{endif}"
                       "%{if-critical}error%{endif}%{if-fatal}fatal%{endif} %{category}: %{message}"_s);
    return true;
}

} // namespace Confab::Server
