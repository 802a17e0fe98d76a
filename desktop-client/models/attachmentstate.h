#pragma once

#include <protocol/attachment.h>

#include <QHash>
#include <QMetaType>
#include <QObject>

namespace Confab {

class ChatClient;

// What a conversation shows of files besides the messages themselves: uploads and downloads
// under way or failed, the copy on this device, and the voice message that is playing.
// Models ask it, and refresh the rows of a key when it reports that key changed.
class AttachmentState : public QObject {
    Q_OBJECT
public:
    struct Transfer {
        enum Phase { None, Uploading, UploadFailed, Downloading, DownloadFailed };
        Phase phase = None;
        qint64 done = 0;
        qint64 total = 0;
        QString error; // a sentence, for the failed phases
    };
    struct Playback {
        bool playing = false;
        qint64 positionMs = 0;
        qint64 durationMs = 0;
    };

    explicit AttachmentState(ChatClient *client, QObject *parent = nullptr);

    Transfer upload(const QString &clientMsgId) const;
    Transfer download(const QString &attachmentId) const;
    // The file on this device: the cached copy, else `fallback` (a queued upload's source).
    QString localFile(const Attachment &attachment, const QString &fallback = {}) const;
    Playback playback(const QString &attachmentId) const { return m_playback.value(attachmentId); }
    void setPlayback(const QString &attachmentId, const Playback &playback);

Q_SIGNALS:
    // `key` is a clientMsgId, an attachmentId or a sha256.
    void changed(const QString &key);

private:
    ChatClient *m_client;
    QHash<QString, QString> m_uploadErrors; // clientMsgId -> sentence
    QHash<QString, QString> m_downloadErrors; // attachmentId -> sentence
    QHash<QString, Playback> m_playback;
};

} // namespace Confab

Q_DECLARE_METATYPE(Confab::AttachmentState::Transfer)
Q_DECLARE_METATYPE(Confab::AttachmentState::Playback)
Q_DECLARE_METATYPE(Confab::Attachment)
