#pragma once

#include <protocol/attachment.h>

#include <QObject>
#include <QPointer>

namespace Confab {

class AttachmentCache;
class Connection;
struct ChunkFrame;

// The download of one attachment into the cache: `download` from the size of what an
// earlier try left in the partial file, chunks written in order off the GUI thread, and at
// `downloadEnd` the SHA-256 checked before the file takes its place.
class FileDownload : public QObject {
    Q_OBJECT
public:
    FileDownload(Connection *connection, AttachmentCache *cache, const Attachment &attachment,
        QObject *parent = nullptr);
    ~FileDownload() override;

    bool isRunning() const { return m_running; }

    void start();
    void stop();
    void receive(const ChunkFrame &chunk);

Q_SIGNALS:
    void began(qint64 offset);
    void progressed(qint64 received, qint64 total);
    void completed(const QString &path);
    void failed(const QString &code, const QString &message);

private:
    void request(qint64 offset);
    void onReply(const QJsonObject &reply);
    void finish();
    void fail(const QString &code, const QString &message = {});

    QPointer<Connection> m_connection;
    AttachmentCache *m_cache;
    Attachment m_attachment;
    bool m_running = false;
    bool m_writeFailed = false;
    QString m_requestId;
    qint64 m_next = 0;
    quint64 m_generation = 0;
};

} // namespace Confab
