#include "ui/icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Confab::Icons {

namespace {
constexpr int kSize = 22;
constexpr qreal kScale = 2.0; // drawn for high-density screens, shown at kSize points

template <typename Draw> QIcon drawn(Draw draw)
{
    QPixmap pixmap(int(kSize * kScale), int(kSize * kScale));
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(kScale, kScale);
        draw(painter);
    }
    pixmap.setDevicePixelRatio(kScale);
    return QIcon(pixmap);
}

QPen line(const QColor &color, qreal width = 1.8)
{
    return QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}
}

QIcon attach(const QColor &color)
{
    return drawn([&color](QPainter &painter) {
        // A paper clip: two nested rounded loops, open at the top.
        painter.setPen(line(color));
        QPainterPath clip;
        clip.moveTo(14.5, 7);
        clip.lineTo(14.5, 15);
        clip.arcTo(8.5, 12, 6, 6, 0, -180);
        clip.lineTo(8.5, 5.5);
        clip.arcTo(8.5, 2.5, 8.5, 6, 180, -180);
        clip.lineTo(17, 15.5);
        clip.arcTo(6, 10, 11, 10, 0, -180);
        clip.lineTo(6, 8);
        painter.drawPath(clip);
    });
}

QIcon microphone(const QColor &color)
{
    return drawn([&color](QPainter &painter) {
        painter.setPen(line(color));
        painter.drawRoundedRect(QRectF(8, 2.5, 6, 11), 3, 3);
        QPainterPath stand;
        stand.moveTo(5, 10.5);
        stand.arcTo(5, 4.5, 12, 12, 180, 180);
        painter.drawPath(stand);
        painter.drawLine(QPointF(11, 16.5), QPointF(11, 19.5));
        painter.drawLine(QPointF(8, 19.5), QPointF(14, 19.5));
    });
}

void paintPlay(QPainter *painter, const QRectF &circle, const QColor &background, bool playing)
{
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(background);
    painter->drawEllipse(circle);
    painter->setBrush(Qt::white);
    const QPointF c = circle.center();
    const qreal r = circle.width() / 2;
    if (playing) {
        painter->drawRoundedRect(
            QRectF(c.x() - r * 0.36, c.y() - r * 0.4, r * 0.24, r * 0.8), 1, 1);
        painter->drawRoundedRect(
            QRectF(c.x() + r * 0.12, c.y() - r * 0.4, r * 0.24, r * 0.8), 1, 1);
    } else {
        QPainterPath triangle;
        triangle.moveTo(c.x() - r * 0.28, c.y() - r * 0.45);
        triangle.lineTo(c.x() + r * 0.48, c.y());
        triangle.lineTo(c.x() - r * 0.28, c.y() + r * 0.45);
        triangle.closeSubpath();
        painter->drawPath(triangle);
    }
    painter->restore();
}

void paintDocument(QPainter *painter, const QRectF &rect, const QColor &color, const QString &label)
{
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(rect, 8, 8);
    // A sheet with a folded corner.
    const QRectF sheet = rect.adjusted(
        rect.width() * 0.28, rect.height() * 0.18, -rect.width() * 0.28, -rect.height() * 0.18);
    const qreal fold = sheet.width() * 0.35;
    QPainterPath page;
    page.moveTo(sheet.topLeft());
    page.lineTo(sheet.right() - fold, sheet.top());
    page.lineTo(sheet.right(), sheet.top() + fold);
    page.lineTo(sheet.bottomRight());
    page.lineTo(sheet.bottomLeft());
    page.closeSubpath();
    painter->setBrush(Qt::white);
    painter->drawPath(page);
    if (!label.isEmpty()) {
        QFont font = painter->font();
        font.setPixelSize(int(rect.height() * 0.2));
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(color);
        painter->drawText(sheet.adjusted(0, fold * 0.8, 0, 0), Qt::AlignCenter, label);
    }
    painter->restore();
}

void paintPicture(QPainter *painter, const QRectF &rect, const QColor &color)
{
    painter->save();
    painter->setPen(line(color, 1.6));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(rect, 3, 3);
    QPainterPath hills;
    hills.moveTo(rect.left() + 2, rect.bottom() - 2);
    hills.lineTo(rect.left() + rect.width() * 0.4, rect.top() + rect.height() * 0.45);
    hills.lineTo(rect.left() + rect.width() * 0.6, rect.top() + rect.height() * 0.65);
    hills.lineTo(rect.left() + rect.width() * 0.75, rect.top() + rect.height() * 0.5);
    hills.lineTo(rect.right() - 2, rect.bottom() - 2);
    painter->drawPath(hills);
    painter->drawEllipse(
        QPointF(rect.left() + rect.width() * 0.72, rect.top() + rect.height() * 0.28),
        rect.width() * 0.08, rect.width() * 0.08);
    painter->restore();
}

} // namespace Confab::Icons
