#pragma once

#include "net/outbox.h"
#include "net/transferprogress.h"

#include <QHash>
#include <QObject>

namespace Confab {

class AttachmentCache;
class Connection;
class FileUpload;

// Uploads the files of queued messages, two at a time, whenever the session is usable, and
// passes the server's `uploadProgress` to them. A finished upload gives the outbox entry its
// attachmentId (the message is then sent like any other); a failed one keeps its entry,
// marked, until retry() or cancel(). Uploads resume where the server stopped.
class UploadManager : public QObject {
    Q_OBJECT
public:
    UploadManager(
        Connection *connection, Outbox *outbox, AttachmentCache *cache, QObject *parent = nullptr);
    ~UploadManager() override;

    void setReady(bool ready);
    void flush(); // starts what may start now
    void retry(const QString &clientMsgId);
    // Stops the upload and drops the message from the outbox.
    void cancel(const QString &clientMsgId);
    void clear(); // signed out

    TransferProgress progress(const QString &clientMsgId) const
    {
        return m_progress.value(clientMsgId);
    }

Q_SIGNALS:
    void began(const QString &clientMsgId, qint64 offset);
    void progressed(const QString &clientMsgId, const QString &roomId, qint64 sent, qint64 total);
    void uploaded(const QString &clientMsgId); // the message can be sent now
    void failed(const QString &clientMsgId, const QString &roomId, const QString &code,
        const QString &message);
    void cancelled(const QString &clientMsgId, const QString &roomId);

private:
    void startUpload(const OutboxEntry &entry);
    void onPush(const QJsonObject &frame);
    void onCompleted(FileUpload *upload, const Attachment &attachment);
    void onFailed(FileUpload *upload, const QString &code, const QString &message);
    void remove(const QString &clientMsgId);

    Connection *m_connection;
    Outbox *m_outbox;
    AttachmentCache *m_cache;
    bool m_ready = false;
    QHash<QString, FileUpload *> m_uploads; // by clientMsgId
    QHash<QString, TransferProgress> m_progress;
};

} // namespace Confab
