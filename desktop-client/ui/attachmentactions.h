#pragma once

#include "ui/attachmentpainter.h"

#include <QObject>
#include <QPointer>
#include <QSet>

class QImage;
class QModelIndex;
class QWidget;

namespace Confab {

class ChatSession;
class VoicePlayer;

// What the conversation does with files: sends those the user picks, drops, pastes or
// records, and opens or plays those in messages, downloading them first when needed.
class AttachmentActions : public QObject {
    Q_OBJECT
public:
    AttachmentActions(ChatSession *session, QWidget *window);

    void setRoom(const QString &roomId) { m_roomId = roomId; }
    VoicePlayer *player() const { return m_player; }

    void pickFiles(); // a file dialog, without blocking
    void sendFiles(const QStringList &paths);
    void sendImage(const QImage &image); // a pasted picture
    void sendVoice(const QString &path, const QString &mime, qint64 durationMs); // recorded
    void requestFile(const Attachment &attachment);
    void onClicked(const QModelIndex &index, AttachmentPainter::Hit hit, qreal seekFraction);

    // Image for pictures Qt can show, File for anything else.
    static QString kindFor(const QString &path);

private:
    void onFetched(const QString &attachmentId, const QString &path);
    void open(const QString &path);

    ChatSession *m_session;
    QPointer<QWidget> m_window;
    VoicePlayer *m_player;
    QString m_roomId;
    QSet<QString> m_openWhenFetched;
    QSet<QString> m_playWhenFetched;
};

} // namespace Confab
