#include "models/filetext.h"

#include <QCoreApplication>
#include <QLocale>

namespace Confab::FileText {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Confab::FileText", text);
}
}

QString size(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString duration(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, (ms + 500) / 1000);
    const QString minutesAndSeconds = QStringLiteral("%1:%2")
                                          .arg((seconds / 60) % 60)
                                          .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (seconds < 3600)
        return minutesAndSeconds;
    return QStringLiteral("%1:%2")
        .arg(seconds / 3600)
        .arg(minutesAndSeconds.rightJustified(5, u'0'));
}

QString label(const Attachment &attachment)
{
    if (attachment.kind == Attachment::Image)
        return tr("Photo");
    if (attachment.kind == Attachment::Voice)
        return tr("Voice message (%1)").arg(duration(attachment.durationMs));
    return attachment.name;
}

} // namespace Confab::FileText
