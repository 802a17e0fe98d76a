#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class TestClient;

// File transfers for tests, by the protocol: uploadBegin, binary chunks with at most eight
// unanswered, and downloads collected from binary frames.
namespace Transfers {

QString sha256Hex(const QByteArray &data);

struct UploadOptions {
    QString name = QStringLiteral("file.bin");
    QString mime = QStringLiteral("application/octet-stream");
    QString kind = QStringLiteral("file");
    QString declaredSha256; // empty: the data's own
    qint64 durationMs = -1; // voice only
    qint64 stopAfterBytes = -1; // stop sending once this much was acknowledged
};

UploadOptions named(const QString &name);
UploadOptions partial(const QString &name, qint64 stopAfterBytes, const QString &declaredSha256 = {});

// Begins (or resumes) an upload and sends the data from the offset the server gives. Returns
// the final frame: `uploaded`, an `error`, or with stopAfterBytes the last `uploadProgress`
// (the `uploadReady` frame is available through `ready`).
QJsonObject upload(TestClient &client, const QByteArray &data, const UploadOptions &options = {},
    QJsonObject *ready = nullptr);

struct Download {
    QJsonObject begin; // downloadBegin, or the error
    QByteArray data;
    bool ended = false;
};

Download download(TestClient &client, const QString &attachmentId, qint64 offset = 0,
    int timeoutMs = 30000);

} // namespace Transfers
