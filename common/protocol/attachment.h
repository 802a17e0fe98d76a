#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Confab {

// A file as messages carry it (protocol "Attachment"). Before its upload finishes, a
// client's copy has every field but attachmentId.
struct Attachment {
    static inline const QString File = QStringLiteral("file");
    static inline const QString Image = QStringLiteral("image");
    static inline const QString Voice = QStringLiteral("voice");

    QString attachmentId;
    QString name;
    QString mime;
    qint64 size = 0;
    QString sha256;
    QString kind; // File, Image or Voice
    qint64 durationMs = 0; // voice only

    bool isUploaded() const { return !attachmentId.isEmpty(); }
    QJsonObject toJson() const;
    // Nothing when `json` is not an object with a name, a size and a kind.
    static std::optional<Attachment> fromJson(const QJsonObject &json);
};

} // namespace Confab
