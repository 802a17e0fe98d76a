#pragma once

#include <protocol/attachment.h>

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Confab {

// A message the user wrote that the server has not acknowledged yet. A message with a file
// first uploads `localPath`; its attachment gets its attachmentId once the upload is done.
struct OutboxEntry {
    QString clientMsgId;
    QString roomId;
    QString text;
    qint64 replyTo = 0;
    qint64 createdTs = 0;
    std::optional<Attachment> attachment;
    QString localPath; // the file to upload
    bool ownsFile = false; // the app made the file (a recording, a pasted picture)
    QString uploadError; // set when the upload failed and waits for the user to retry
    // Set when the server refused the message for good: it stays, shown as not sent, until
    // the user retries or deletes it.
    QString failedCode;
    QString failedMessage;

    bool isFailed() const { return !failedCode.isEmpty(); }
    bool needsUpload() const { return attachment && !attachment->isUploaded(); }
    QJsonObject toJson() const;
    static OutboxEntry fromJson(const QJsonObject &json);
};

} // namespace Confab
