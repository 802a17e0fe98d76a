#include "ui/traynotifier.h"

#include "models/chatsession.h"

#include <QApplication>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Confab {

TrayNotifier::TrayNotifier(ChatSession *session, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(iconFor(0), this);
        m_tray->setToolTip(tr("Confab"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            if (m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        });
    }
    connect(session->rooms(), &RoomListModel::totalUnreadChanged, this, &TrayNotifier::updateIcon);
    connect(session, &ChatSession::messageArrived, this, &TrayNotifier::notify);
}

QIcon TrayNotifier::iconFor(qint64 unread)
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x3B, 0x82, 0xF6));
    painter.drawRoundedRect(QRect(4, 8, 52, 40), 12, 12);
    QPolygon tail;
    tail << QPoint(14, 44) << QPoint(12, 58) << QPoint(28, 46);
    painter.drawPolygon(tail);
    if (unread > 0) {
        painter.setBrush(QColor(0xDC, 0x26, 0x26));
        painter.drawEllipse(QRect(30, 0, 34, 34));
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(unread > 99 ? 14 : 20);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRect(30, 0, 34, 34), Qt::AlignCenter,
            unread > 99 ? QStringLiteral("99+") : QString::number(unread));
    }
    return QIcon(pixmap);
}

void TrayNotifier::updateIcon(qint64 unread)
{
    if (!m_tray)
        return;
    m_tray->setIcon(iconFor(unread));
    m_tray->setToolTip(unread > 0 ? tr("Confab – unread messages: %1").arg(unread)
                                  : tr("Confab"));
}

void TrayNotifier::notify(const QString &, const QString &sender, const QString &text)
{
    if (!m_window || m_window->isActiveWindow())
        return;
    ++m_notifications;
    QApplication::alert(m_window);
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(sender, text.left(200), QSystemTrayIcon::Information, 5000);
}

} // namespace Confab
