#include "ui/avatar.h"

#include <QCryptographicHash>
#include <QPainter>
#include <QRect>

namespace Confab::Avatar {

QColor colorFor(const QString &key)
{
    static const QColor palette[] = { QColor(0xE5, 0x73, 0x73), QColor(0xF0, 0x62, 0x92),
        QColor(0xBA, 0x68, 0xC8), QColor(0x95, 0x75, 0xCD), QColor(0x79, 0x86, 0xCB),
        QColor(0x4F, 0x9B, 0xE8), QColor(0x26, 0xA6, 0x9A), QColor(0x66, 0xBB, 0x6A),
        QColor(0xEF, 0x9A, 0x3A), QColor(0x8D, 0x6E, 0x63) };
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Md5);
    const auto index = quint8(hash.at(0)) % (sizeof(palette) / sizeof(palette[0]));
    return palette[index];
}

QString initials(const QString &name)
{
    const QStringList words = name.simplified().split(u' ', Qt::SkipEmptyParts);
    QString out;
    for (const QString &word : words) {
        out += word.at(0).toUpper();
        if (out.size() == 2)
            break;
    }
    return out.isEmpty() ? QStringLiteral("?") : out;
}

void paint(QPainter *painter, const QRect &rect, const QString &name, const QString &key)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colorFor(key));
    painter->drawEllipse(rect);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(std::max(8, rect.height() * 2 / 5));
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, initials(name));
    painter->restore();
}

}
