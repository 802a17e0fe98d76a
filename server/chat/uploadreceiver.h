#pragma once

#include "protocol/request.h"
#include "store/attachmentrepository.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace Confab::Server {

class KeyedCounter;
class Session;

// A session's uploads in progress: checks each binary chunk, has the files worker append
// it, answers `uploadProgress`, and on the last byte verifies the SHA-256 and records the
// attachment.
class UploadReceiver : public QObject {
    Q_OBJECT
public:
    explicit UploadReceiver(Session &session);
    ~UploadReceiver() override;

    // Takes over an upload whose partial file holds `received` bytes and answers uploadReady.
    // The caller holds a place in activeUploads for it unless isActive() was true already.
    void accept(const Request &request, const AttachmentRow &upload, qint64 received);
    bool isActive(const QString &uploadId) const { return m_active.contains(uploadId); }
    void handleChunk(const QByteArray &frame);

private:
    struct Active {
        Request request; // uploadBegin: its id is echoed by what follows
        AttachmentRow row;
        qint64 accepted = 0; // bytes accepted from the client, written or queued
        int unanswered = 0; // chunks accepted whose uploadProgress has not been sent
        QList<std::pair<qint64, QByteArray>> held; // accepted, waiting for room to be written
    };

    // Hands the held chunks of an upload to the files thread, as far as the server-wide bound
    // on queued upload data allows; tries again shortly for the rest.
    void writeHeld(const QString &uploadId);
    void chunkWritten(const QString &uploadId, qint64 size);
    void complete(const QString &uploadId);
    void finished(const QString &uploadId);

    Session &m_session;
    // Held directly: this object is deleted as the session's child, after the session itself
    // is gone, and gives its places back then.
    KeyedCounter &m_activeUploads;
    QHash<QString, Active> m_active;
};

} // namespace Confab::Server
