#pragma once

#include "net/outboxentry.h"

#include <protocol/attachment.h>

#include <QObject>
#include <QPointer>

namespace Confab {

class Connection;

// The upload of one queued message's file, by the protocol: digest the file if that is not
// done yet, `uploadBegin`, then chunks from the offset the server already has, at most
// eight unanswered, until `uploaded`. start() after a dropped connection resumes it.
class FileUpload : public QObject {
    Q_OBJECT
public:
    FileUpload(Connection *connection, const OutboxEntry &entry, QObject *parent = nullptr);
    ~FileUpload() override;

    QString clientMsgId() const { return m_entry.clientMsgId; }
    QString uploadId() const { return m_uploadId; }
    bool isRunning() const { return m_running; }
    qint64 size() const { return m_entry.attachment->size; }

    void start();
    void stop(); // for now: the connection dropped, or the upload was cancelled
    void acknowledge(qint64 received); // an uploadProgress for uploadId()

Q_SIGNALS:
    void digested(const Confab::Attachment &attachment); // size and sha256 are known
    void began(qint64 offset); // the server takes data from `offset` on
    void progressed(qint64 received, qint64 total);
    void completed(const Confab::Attachment &attachment);
    void failed(const QString &code, const QString &message); // stopped until started again

private:
    void begin();
    void onReply(const QJsonObject &reply);
    void pump();
    void sendChunk(qint64 offset, const std::optional<QByteArray> &data);
    void fail(const QString &code, const QString &message = {});

    QPointer<Connection> m_connection;
    OutboxEntry m_entry;
    bool m_running = false;
    bool m_reading = false;
    QString m_requestId;
    QString m_uploadId;
    qint64 m_chunkSize = 0;
    qint64 m_next = 0; // the next byte to send
    qint64 m_acknowledged = 0;
    int m_unanswered = 0;
    quint64 m_generation = 0; // drops answers of an earlier start()
};

} // namespace Confab
