#pragma once

#include <QColor>
#include <QIcon>

class QPainter;
class QRectF;

// The few icons of the client, drawn (so they look the same on every platform and need no
// icon theme).
namespace Confab::Icons {

QIcon attach(const QColor &color = QColor(0x4B, 0x55, 0x63));
QIcon microphone(const QColor &color = QColor(0x4B, 0x55, 0x63));

// Glyphs painted inside message bubbles.
void paintPlay(QPainter *painter, const QRectF &circle, const QColor &background, bool playing);
void paintDocument(
    QPainter *painter, const QRectF &rect, const QColor &color, const QString &label);
void paintPicture(QPainter *painter, const QRectF &rect, const QColor &color);

} // namespace Confab::Icons
