#pragma once

#include "net/transferprogress.h"
#include <protocol/attachment.h>

#include <QHash>
#include <QList>
#include <QObject>

namespace Confab {

class AttachmentCache;
class Connection;
class FileDownload;

// Brings attachments onto this device, three at a time, whenever the session is usable;
// passes the server's binary chunks to their download. A download cut off by a dropped
// connection goes on from where it stopped once the session is back.
class DownloadManager : public QObject {
    Q_OBJECT
public:
    DownloadManager(Connection *connection, AttachmentCache *cache, QObject *parent = nullptr);
    ~DownloadManager() override;

    void setReady(bool ready);
    // `fetched` follows, at once (but not within this call) when the file is here already.
    void fetch(const Attachment &attachment);
    bool isFetching(const QString &attachmentId) const
    {
        return m_downloads.contains(attachmentId);
    }
    void clear();

    TransferProgress progress(const QString &attachmentId) const
    {
        return m_progress.value(attachmentId);
    }

Q_SIGNALS:
    void began(const QString &attachmentId, qint64 offset);
    void progressed(const QString &attachmentId, qint64 received, qint64 total);
    void fetched(const QString &attachmentId, const QString &path);
    void failed(const QString &attachmentId, const QString &code, const QString &message);

private:
    void flush();
    void onBinary(const QByteArray &frame);
    void remove(const QString &attachmentId);

    Connection *m_connection;
    AttachmentCache *m_cache;
    bool m_ready = false;
    QHash<QString, FileDownload *> m_downloads; // by attachmentId
    QList<QString> m_order; // first come, first served
    QHash<QString, TransferProgress> m_progress;
};

} // namespace Confab
