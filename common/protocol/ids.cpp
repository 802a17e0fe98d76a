#include "protocol/ids.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace Confab {
namespace {

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    // The system generator reads the OS's CSPRNG; ids must be unguessable.
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex());
}

} // namespace

QString newRandomId() { return randomHex(16); }

QString newRandomToken() { return randomHex(32); }

bool isLowerHex(const QString &text, qsizetype length)
{
    if (text.size() != length)
        return false;
    for (QChar c : text) {
        const bool digit = c >= u'0' && c <= u'9';
        const bool letter = c >= u'a' && c <= u'f';
        if (!digit && !letter)
            return false;
    }
    return true;
}

bool isValidId(const QString &text) { return isLowerHex(text, 32); }

QString sha256Hex(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace Confab
